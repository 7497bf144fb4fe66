using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Tests.Core.Fakes;

/// <summary>
/// Answers Keystone token requests like a Zed Keystone does (201, X-Subject-Token, token body
/// with a catalog), issuing "token-1", "token-2", ... and hands every other request to the test.
/// </summary>
public sealed class FakeKeystone
{
    public const string AuthUrl = "http://127.0.0.1:5000/v3";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private int _issued;

    public FakeKeystone(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? services = null)
    {
        Services = services ?? ((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)));
        Handler = new FakeHttpHandler(RespondAsync);
    }

    public FakeHttpHandler Handler { get; }

    public ManualTimeProvider Clock { get; } = new(Now);

    /// <summary>How long issued tokens live.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Awaited before a token response is sent, so tests can hold a token request in flight.</summary>
    public Task TokenGate { get; set; } = Task.CompletedTask;

    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Services { get; set; }

    public int Issued => Volatile.Read(ref _issued);

    public static OpenStackClientOptions Options(FakeHttpHandler transport) => new()
    {
        AuthUrl = new Uri(AuthUrl),
        Username = "demo",
        UserDomainName = "Default",
        Password = "s3cret-PASSWORD-do-not-log",
        ProjectName = "demo",
        ProjectDomainId = "default",
        RegionName = "RegionOne",
        Transport = transport,

        // Retries stay on (a 503 is retried) but without real back-off waits in unit tests.
        Retry = new OpenStackRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) },
    };

    public Task<OpenStackConnection> ConnectAsync(Action<OpenStackClientOptions>? configure = null)
    {
        OpenStackClientOptions options = Options(Handler);
        configure?.Invoke(options);
        options.Validate();
        return OpenStackConnection.ConnectAsync(options, new OpenStack.Auth.KeystonePasswordAuth(options), Clock, CancellationToken.None);
    }

    private async Task<HttpResponseMessage> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        if (!request.IsTokenRequest)
        {
            return await Services(request, cancellationToken);
        }

        await TokenGate.WaitAsync(cancellationToken);
        int number = Interlocked.Increment(ref _issued);
        DateTimeOffset issuedAt = Clock.GetUtcNow();
        HttpResponseMessage response = FakeHttpHandler.Json(
            HttpStatusCode.Created,
            TokenBody(issuedAt, issuedAt + TokenLifetime),
            ("X-Subject-Token", "token-" + number.ToString(CultureInfo.InvariantCulture)),
            ("X-Openstack-Request-Id", "req-auth-" + number.ToString(CultureInfo.InvariantCulture)));
        return response;
    }

    public static string TokenBody(DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);
        return $$$"""
        {"token": {
          "methods": ["password"],
          "user": {"domain": {"id": "default", "name": "Default"}, "id": "u-123", "name": "demo", "password_expires_at": null},
          "audit_ids": ["abc"],
          "expires_at": "{{{Stamp(expiresAt)}}}",
          "issued_at": "{{{Stamp(issuedAt)}}}",
          "project": {"domain": {"id": "default", "name": "Default"}, "id": "p-456", "name": "demo"},
          "is_domain": false,
          "roles": [{"id": "r1", "name": "member"}, {"id": "r2", "name": "reader"}],
          "catalog": [
            {"endpoints": [
               {"id": "e1", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:9292", "region": "RegionOne"},
               {"id": "e2", "interface": "internal", "region_id": "RegionOne", "url": "http://10.0.0.1:9292", "region": "RegionOne"},
               {"id": "e3", "interface": "public", "region_id": "RegionTwo", "url": "http://two.example:9292", "region": "RegionTwo"}],
             "id": "s1", "type": "image", "name": "glance"},
            {"endpoints": [
               {"id": "e4", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:8774/v2.1", "region": "RegionOne"}],
             "id": "s2", "type": "compute", "name": "nova"},
            {"endpoints": [
               {"id": "e5", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:8776/v3/p-456", "region": "RegionOne"}],
             "id": "s3", "type": "volumev3", "name": "cinderv3"},
            {"endpoints": [
               {"id": "e6", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:5000/v3/", "region": "RegionOne"}],
             "id": "s4", "type": "identity", "name": "keystone"},
            {"endpoints": [
               {"id": "e7", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:8080/v1/AUTH_p-456", "region": "RegionOne"}],
             "id": "s5", "type": "object-store", "name": "swift"},
            {"endpoints": [
               {"id": "e8", "interface": "public", "region_id": "RegionOne", "url": "not a url", "region": "RegionOne"},
               {"id": "e9", "interface": "public", "region_id": "RegionOne", "url": "http://127.0.0.1:9696", "region": "RegionOne"}],
             "id": "s6", "type": "network", "name": "neutron"}
          ]}}
        """;
    }
}
