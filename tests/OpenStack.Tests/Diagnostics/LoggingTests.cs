using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenStack.Diagnostics;
using OpenStack.Image.V2;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Diagnostics;

public sealed class LoggingTests
{
    private const string ImagesPage = """{"images": [{"id": "i-1", "name": "debian"}], "first": "/v2/images"}""";

    private static FakeKeystone Glance() => new((request, _) => Task.FromResult(FakeHttpHandler.Json(
        HttpStatusCode.OK, ImagesPage, ("X-Openstack-Request-Id", "req-glance-1"))));

    [Fact]
    public async Task Each_request_is_one_Debug_line_with_method_url_status_duration_service_and_request_id()
    {
        var logs = new ListLoggerFactory();
        FakeKeystone keystone = Glance();
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.LoggerFactory = logs);
        using var cloud = new OpenStackClient(connection);

        OpenStack.Image.V2.Image[] images = await cloud.Image.Images.ListAsync().ToArrayAsync();

        Assert.Single(images);
        LogEntry[] lines = logs.Entries.Where(e => e.EventName == "HttpResponse").ToArray();
        Assert.All(lines, l => Assert.Equal(OpenStackDiagnostics.HttpLoggerCategory, l.Category));
        Assert.All(lines, l => Assert.Equal(LogLevel.Debug, l.Level));
        LogEntry auth = Assert.Single(lines, l => l.Message.StartsWith("POST ", StringComparison.Ordinal));
        Assert.Matches(@"^POST http://127\.0\.0\.1:5000/v3/auth/tokens answered 201 Created in \d+\.\d ms \(service identity, request id req-auth-1\)$", auth.Message);
        LogEntry list = Assert.Single(lines, l => l.Message.StartsWith("GET ", StringComparison.Ordinal));
        Assert.Matches(@"^GET http://127\.0\.0\.1:9292/v2/images answered 200 OK in \d+\.\d ms \(service image, request id req-glance-1\)$", list.Message);

        // Without LogHttpContent, no headers or bodies.
        Assert.DoesNotContain(logs.Entries, e => e.EventName is "HttpRequestContent" or "HttpResponseContent");
        Assert.DoesNotContain("debian", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_formatted_when_Debug_is_off()
    {
        var logs = new ListLoggerFactory { MinimumLevel = LogLevel.Information };
        FakeKeystone keystone = Glance();
        using OpenStackConnection connection = await keystone.ConnectAsync(o => o.LoggerFactory = logs);
        using var cloud = new OpenStackClient(connection);

        await cloud.Image.Images.ListAsync().ToArrayAsync();

        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task LogHttpContent_logs_headers_and_bodies_with_secrets_masked()
    {
        var logs = new ListLoggerFactory();
        FakeKeystone keystone = Glance();
        using OpenStackConnection connection = await keystone.ConnectAsync(o =>
        {
            o.LoggerFactory = logs;
            o.LogHttpContent = true;
        });
        using var cloud = new OpenStackClient(connection);

        await cloud.Image.Images.ListAsync().ToArrayAsync();

        string text = logs.AllText;
        // The Keystone request body is logged, its password masked.
        LogEntry authBody = Assert.Single(logs.Entries, e => e.EventName == "HttpRequestContent" && e.Message.StartsWith("POST", StringComparison.Ordinal));
        Assert.Contains("\"password\":\"***\"", authBody.Message.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"demo\"", authBody.Message.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        // The issued token (X-Subject-Token) and the token sent (X-Auth-Token) are named but masked.
        Assert.Contains("X-Subject-Token: ***", text, StringComparison.Ordinal);
        Assert.Contains("X-Auth-Token: ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-PASSWORD-do-not-log", text, StringComparison.Ordinal);
        // The service's answer is logged.
        Assert.Contains(logs.Entries, e => e.EventName == "HttpResponseContent" && e.Message.Contains("\"debian\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_streamed_upload_is_described_not_read_for_the_log()
    {
        var logs = new ListLoggerFactory();
        var keystone = new FakeKeystone((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));
        using OpenStackConnection connection = await keystone.ConnectAsync(o =>
        {
            o.LoggerFactory = logs;
            o.LogHttpContent = true;
        });
        using var cloud = new OpenStackClient(connection);
        byte[] data = System.Text.Encoding.UTF8.GetBytes("IMAGE-BYTES-NOT-FOR-LOGS");

        await cloud.Image.Images.UploadAsync("i-1", new System.IO.MemoryStream(data));

        Assert.DoesNotContain("IMAGE-BYTES-NOT-FOR-LOGS", logs.AllText, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.EventName == "HttpRequestContent" && e.Message.Contains("application/octet-stream", StringComparison.Ordinal));
        Assert.Equal("IMAGE-BYTES-NOT-FOR-LOGS", keystone.Handler.Requests.Last().Body);
    }

    [Fact]
    public async Task A_transport_failure_is_logged_with_its_error_type()
    {
        var logs = new ListLoggerFactory();
        var keystone = new FakeKeystone((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9292)"));
        using OpenStackConnection connection = await keystone.ConnectAsync(o =>
        {
            o.LoggerFactory = logs;
            o.Retry.Enabled = false;
        });
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("images", UriKind.Relative)));

        LogEntry failure = Assert.Single(logs.Entries, e => e.EventName == "HttpFailure");
        Assert.Matches(@"^GET http://127\.0\.0\.1:9292/v2/images failed after \d+\.\d ms \(service -\): connection_error$", failure.Message);
    }
}
