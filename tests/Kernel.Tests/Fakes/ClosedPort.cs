using System.Net;
using System.Net.Sockets;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>A loopback address nothing listens on, so connecting to it is refused.</summary>
public static class ClosedPort
{
    /// <summary>Binds a free port and releases it: the OS refuses connections to it afterwards.</summary>
    public static Uri Loopback()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
