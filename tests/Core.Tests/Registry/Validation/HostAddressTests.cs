using PveAgent.Core.Registry.Validation;

namespace PveAgent.Core.Tests.Registry.Validation;

public sealed class HostAddressTests
{
    [Theory]
    [InlineData("192.168.0.2")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("2001:db8::8a2e:370:7334")]
    [InlineData("pve1")]
    [InlineData("pve1.home.arpa")]
    [InlineData("pve1.home.arpa.")]
    [InlineData("4chan.example")]
    public void Problem_ValidAddressOrHostname_IsNull(string host) => Assert.Null(HostAddress.Problem(host));

    [Theory]
    [InlineData("192.168.0.xxx", "'xxx' is not a number from 0 to 255")]
    [InlineData("192.168.0.256", "'256' is not a number from 0 to 255")]
    [InlineData("192.168.0.0001", "'0001' is not a number from 0 to 255")]
    [InlineData("10.1", "an IPv4 address has 4 numbers, this has 2")]
    [InlineData("pve1.lan:8006", "it includes a port; write the port separately and the host as 'pve1.lan'")]
    [InlineData("-pve1", "the part '-pve1' starts or ends with '-'")]
    [InlineData("pve..lan", "it has an empty part between dots")]
    [InlineData("pve 1", "it contains ' '")]
    [InlineData("2001:db8:::1", "it is not a valid IPv6 address")]
    public void Problem_Invalid_SaysWhy(string host, string reason) => Assert.StartsWith(reason, HostAddress.Problem(host));
}
