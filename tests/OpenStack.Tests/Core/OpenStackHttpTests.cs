using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Http;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public sealed class VersionDocument
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

[JsonSerializable(typeof(VersionDocument))]
internal sealed partial class HttpTestJsonContext : JsonSerializerContext
{
}

public class OpenStackHttpTests
{
    [Fact]
    public async Task GetJsonAsync_deserializes_through_the_pipeline()
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(
            FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"v2.16","status":"CURRENT"}""")));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1:9292/v2/"));

        VersionDocument doc = await OpenStackHttp.GetJsonAsync(http, new Uri("info", UriKind.Relative), HttpTestJsonContext.Default.VersionDocument, CancellationToken.None);

        Assert.Equal("v2.16", doc.Id);
        Assert.Equal("CURRENT", doc.Status);
        Assert.Equal(new Uri("http://127.0.0.1:9292/v2/info"), keystone.Handler.Requests[^1].Uri);
    }

    [Fact]
    public async Task GetJsonAsync_without_the_pipeline_still_throws_OpenStackException()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(
            HttpStatusCode.NotFound,
            """{"itemNotFound":{"code":404,"message":"Flavor f could not be found."}}"""));
        using var http = new HttpClient(handler);

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => OpenStackHttp.GetJsonAsync(
            http, new Uri("http://127.0.0.1:8774/v2.1/flavors/f"), HttpTestJsonContext.Default.VersionDocument, CancellationToken.None));

        Assert.Equal("itemNotFound", ex.ErrorCode);
        Assert.Equal("Flavor f could not be found.", ex.ServerMessage);
    }

    [Fact]
    public async Task GetJsonAsync_rejects_a_null_body()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "null"));
        using var http = new HttpClient(handler);

        await Assert.ThrowsAsync<System.IO.InvalidDataException>(() => OpenStackHttp.GetJsonAsync(
            http, new Uri("http://127.0.0.1/x"), HttpTestJsonContext.Default.VersionDocument, CancellationToken.None));
    }
}
