using System;
using OpenStack.Tests.Core.Fakes;

namespace OpenStack.Tests.Transport;

/// <summary>Keystone-shaped answers for <see cref="LoopbackServer"/>: a token for POST /v3/auth/tokens, JSON for the rest.</summary>
public static class KeystoneWire
{
    public const string IssuedToken = "tok-wire-issued";

    public const string ServiceBody = """{"images": []}""";

    public static WireResponse Respond(WireRequest request) =>
        IsTokenRequest(request) ? TokenIssued(IssuedToken) : WireResponse.Json(200, ServiceBody);

    public static bool IsTokenRequest(WireRequest request) =>
        request.Method == "POST" && request.Target.EndsWith("/auth/tokens", StringComparison.Ordinal);

    public static WireResponse TokenIssued(string token)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return WireResponse.Json(201, FakeKeystone.TokenBody(now, now.AddHours(1)), ("X-Subject-Token", token));
    }

    /// <summary>Password options for a Keystone at <paramref name="server"/>, with the transport left to the connection.</summary>
    public static OpenStackClientOptions Options(Uri server) => new()
    {
        AuthUrl = new Uri(server, "v3"),
        Username = "demo",
        UserDomainName = "Default",
        Password = "wire-PASSWORD-never-logged",
        ProjectName = "demo",
        ProjectDomainName = "Default",
        Timeout = TimeSpan.FromSeconds(20),
    };
}
