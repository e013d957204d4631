using System.Net;
using System.Text;

namespace PveAgent.Simulator.Tests.Proxmox;

public sealed class ProxmoxApiSimulatorValidationTests
{
    [Fact]
    public async Task Post_UnknownParameter_Is400WithThePerParameterError()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/status/start", ("bogus", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Parameter verification failed.", answer.Reason);
        Assert.Null(answer.Data);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", answer.Body!["errors"]!["bogus"]!.GetValue<string>());
        Assert.Equal("Parameter verification failed.\n", answer.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithoutRequiredParameter_SaysItIsMissing()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/migrate");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("property is missing and it is not optional", answer.Body!["errors"]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormBoolean_WrittenAsTrue_FailsTheBooleanTypeCheck()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/migrate", ("target", "pve3"), ("online", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("type check ('boolean') failed - got 'true'", answer.Body!["errors"]!["online"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonBody_WithRealBooleans_IsAccepted()
    {
        using var harness = new SimulatorHarness();
        var body = new StringContent("""{"target":"pve3","online":true,"with-local-disks":false}""", Encoding.UTF8, "application/json");

        using var response = await harness.Client.PostAsync("nodes/brian/qemu/110/migrate", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"data\":\"UPID:brian:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithParametersInTheQueryString_IsAccepted()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/migrate?target=pve3");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(":qmigrate:110:", answer.Data!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathParameter_RepeatedWithAnotherValue_IsAConflict()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PostAsync("nodes/brian/qemu/110/status/start", ("vmid", "201"));

        Assert.Equal("duplicate parameter (already defined in URI) with conflicting values!", answer.Body!["errors"]!["vmid"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnumParameter_OutsideTheEnumeration_ListsTheAllowedValues()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("cluster/resources?type=pool");

        Assert.Equal("value 'pool' does not have a value in the enumeration 'vm, storage, node, sdn'", answer.Body!["errors"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task PathInteger_ThatIsNotANumber_FailsTheIntegerTypeCheck()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/brian/qemu/abc/status/current");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("type check ('integer') failed - got 'abc'", answer.Body!["errors"]!["vmid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Integer_BelowTheMinimum_SaysTheMinimum()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PutAsync("nodes/brian/qemu/110/config", ("cores", "0"));

        Assert.Equal("value must have a minimum value of 1", answer.Body!["errors"]!["cores"]!.GetValue<string>());
    }

    [Fact]
    public async Task PropertyString_WithAnUnknownKey_IsAFormatError()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.PutAsync("nodes/brian/qemu/110/config", ("hostpci0", "mapping=rtx-3090,turbo=1"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(
            "invalid format - format error\nhostpci0.turbo: property is not defined in schema and the schema does not allow additional properties\n\n",
            answer.Body!["errors"]!["hostpci0"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithABody_Is501()
    {
        using var harness = new SimulatorHarness();
        using var request = new HttpRequestMessage(HttpMethod.Get, "version") { Content = new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded") };

        using var response = await harness.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("Unexpected content for method 'GET'", response.ReasonPhrase);
    }

    [Fact]
    public async Task UnknownPath_Is501MethodNotImplemented()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.GetAsync("nodes/brian/foo");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("Method 'GET /nodes/brian/foo' not implemented", answer.Reason);
    }

    [Fact]
    public async Task KnownPath_WithAnotherMethod_Is501()
    {
        using var harness = new SimulatorHarness();

        var answer = await harness.DeleteAsync("nodes/brian/status");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("Method 'DELETE /nodes/brian/status' not implemented", answer.Reason);
    }
}
