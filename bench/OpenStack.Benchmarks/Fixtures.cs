using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Benchmarks;

/// <summary>Canned Glance and Keystone bodies, shaped like the perf-anchors fake server's (30 keys, about 1 KB an image).</summary>
internal static class Fixtures
{
    public const string AuthUrl = "http://127.0.0.1:5000/v3";
    public const string ImageEndpoint = "http://127.0.0.1:9292";

    /// <summary>One Glance list page of <paramref name="count"/> images; with <paramref name="next"/> as its next link.</summary>
    public static byte[] ImagePage(int count, string? next, int seed = 0)
    {
        var sb = new StringBuilder(count * 1100 + 200);
        sb.Append("{\"images\":[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendImage(sb, seed + i);
        }

        sb.Append("],\"first\":\"/v2/images?limit=").Append(count).Append('"');
        if (next is not null) sb.Append(",\"next\":\"").Append(next).Append('"');
        sb.Append(",\"schema\":\"/v2/schemas/images\"}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>One Glance image (GET /v2/images/{id}: Glance answers without an envelope).</summary>
    public static byte[] Image(int n)
    {
        var sb = new StringBuilder(1200);
        AppendImage(sb, n);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // 24 keys the spec names and 8 it does not (os_distro, hw_*, ...), which land in AdditionalProperties.
    private static void AppendImage(StringBuilder sb, int n)
    {
        string id = string.Create(CultureInfo.InvariantCulture, $"{n:x8}-1b2c-4d3e-8f90-{n * 7919:x12}");
        string hash = string.Create(CultureInfo.InvariantCulture, $"{n * 2654435761L:x16}");
        sb.Append(CultureInfo.InvariantCulture, $$"""
            {"id":"{{id}}","name":"image-{{n}}-debian-12-genericcloud-amd64","status":"active","visibility":"{{(n % 3 == 0 ? "public" : "private")}}",
            "protected":{{(n % 5 == 0 ? "true" : "false")}},"os_hidden":false,"checksum":"{{hash}}{{hash}}",
            "os_hash_algo":"sha512","os_hash_value":"{{hash}}{{hash}}{{hash}}{{hash}}{{hash}}{{hash}}{{hash}}{{hash}}",
            "owner":"3c2a9e2f6b5d4c8e9f0a1b2c3d4e5f60","size":{{1048576L * (n % 4000 + 1)}},"virtual_size":{{2147483648L + n}},
            "min_ram":{{n % 4 * 512}},"min_disk":{{n % 20}},"container_format":"bare","disk_format":"qcow2","tags":["bench","t{{n % 10}}"],
            "created_at":"2026-11-{{n % 28 + 1:00}}T12:34:56Z","updated_at":"2026-11-{{n % 28 + 1:00}}T12:35:10Z",
            "self":"/v2/images/{{id}}","file":"/v2/images/{{id}}/file","schema":"/v2/schemas/image","stores":"file",
            "os_distro":"debian","os_version":"12","architecture":"x86_64","hw_disk_bus":"virtio","hw_scsi_model":"virtio-scsi",
            "hw_qemu_guest_agent":"yes","img_config_drive":"optional","owner_specified.openstack.sha256":"{{hash}}{{hash}}{{hash}}{{hash}}"}
            """);
    }

    public static string TokenBody(DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);
        return $$$"""
            {"token":{"methods":["password"],"user":{"domain":{"id":"default","name":"Default"},"id":"u-1","name":"bench","password_expires_at":null},
            "audit_ids":["a"],"expires_at":"{{{Stamp(expiresAt)}}}","issued_at":"{{{Stamp(issuedAt)}}}",
            "project":{"domain":{"id":"default","name":"Default"},"id":"p-1","name":"bench"},"is_domain":false,
            "roles":[{"id":"r1","name":"member"}],
            "catalog":[
             {"endpoints":[{"id":"e1","interface":"public","region_id":"RegionOne","url":"{{{ImageEndpoint}}}","region":"RegionOne"}],"id":"s1","type":"image","name":"glance"},
             {"endpoints":[{"id":"e2","interface":"public","region_id":"RegionOne","url":"{{{AuthUrl}}}/","region":"RegionOne"}],"id":"s2","type":"identity","name":"keystone"}]}}
            """;
    }

    public static OpenStackClientOptions Options(HttpMessageHandler transport) => new()
    {
        AuthUrl = new Uri(AuthUrl),
        Username = "bench",
        Password = "bench-secret",
        UserDomainName = "Default",
        ProjectName = "bench",
        ProjectDomainName = "Default",
        RegionName = "RegionOne",
        Transport = transport,
    };
}

/// <summary>
/// An in-process transport: Keystone token requests get a token valid for an hour, every other request
/// the response <see cref="Respond"/> makes. No sockets, so what is measured is the SDK's own work.
/// </summary>
internal sealed class InProcessTransport : HttpMessageHandler
{
    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var token = new HttpResponseMessage(HttpStatusCode.Created)
            {
                Content = new StringContent(Fixtures.TokenBody(now, now.AddHours(1)), Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
            token.Headers.TryAddWithoutValidation("X-Subject-Token", "gAAAAABbenchtoken");
            return Task.FromResult(token);
        }

        HttpResponseMessage response = Respond(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    public static HttpResponseMessage Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
