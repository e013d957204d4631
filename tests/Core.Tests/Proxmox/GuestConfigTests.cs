using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class GuestConfigTests
{
    [Fact]
    public async Task GetGuestConfig_MixedJsonTypes_BecomeTextAsPveWroteThem_WithTypedAccessors()
    {
        var handler = new StubHttpHandler(200, """
            {"data":{"name":"llm-01","memory":"current=16384","cores":8,"sockets":1,"template":0,"tags":"ai;gpu","digest":"3f6b1e0c","lock":"migrate",
                     "hostpci2":"mapping=rtx3090-b,pcie=1","hostpci0":"0000:01:00,pcie=1,x-vga=1","agent":"1,fstrim_cloned_disks=1","cpulimit":1.5,"numa":true,"clipboard":null}}
            """);
        using var client = TestClients.OnStub(handler);

        var config = await client.GetGuestConfigAsync("brian", GuestType.Qemu, 201);

        Assert.Equal("llm-01", config.Name);
        Assert.Equal(16384, config.MemoryMiB);
        Assert.Equal(8, config.Cores);
        Assert.Equal(1, config.Sockets);
        Assert.False(config.Template);
        Assert.Equal(["ai", "gpu"], config.Tags);
        Assert.Equal("3f6b1e0c", config.Digest);
        Assert.Equal("migrate", config.Lock);
        Assert.Equal("1.5", config.Get("cpulimit"));
        Assert.Equal("1", config.Get("numa"));
        Assert.Null(config.Get("clipboard"));
        Assert.Equal(["hostpci0", "hostpci2"], config.HostPci.Select(d => d.Key));
        Assert.True(config.HostPci[0].XVga);
        Assert.Equal("rtx3090-b", config.HostPci[1].Mapping);
        Assert.Equal(1, config.FreeHostPciIndex);
        Assert.Equal("/nodes/brian/qemu/201/config", Assert.Single(handler.Requests).ApiPath);
    }

    [Fact]
    public void Container_NameIsTheHostname_AndPlainMemoryIsMiB()
    {
        var config = new GuestConfig
        {
            Kind = GuestType.Lxc,
            Values = new Dictionary<string, string> { ["hostname"] = "whisper", ["memory"] = "2048", ["template"] = "1" },
        };

        Assert.Equal("whisper", config.Name);
        Assert.Equal(2048, config.MemoryMiB);
        Assert.True(config.Template);
        Assert.Empty(config.HostPci);
        Assert.Equal(0, config.FreeHostPciIndex);
    }

    [Fact]
    public void FreeHostPciIndex_AllSixteenUsed_IsNull()
    {
        var values = Enumerable.Range(0, 16).ToDictionary(i => $"hostpci{i}", i => $"mapping=gpu{i}");

        var config = new GuestConfig { Kind = GuestType.Qemu, Values = values };

        Assert.Null(config.FreeHostPciIndex);
    }
}
