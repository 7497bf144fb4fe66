using System;
using System.Net.Http;

namespace OpenStack.Http;

/// <summary>Builds the innermost handler of a connection from the options' transport settings.</summary>
internal static class TransportFactory
{
    /// <summary>A pooled SocketsHttpHandler; connections are recycled so DNS changes are seen.</summary>
    public static HttpMessageHandler Create(OpenStackClientOptions options)
        => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
}
