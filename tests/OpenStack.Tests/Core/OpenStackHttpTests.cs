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

    [Fact]
    public async Task GetJsonAsync_with_a_relative_path_resolves_it_against_the_base_address()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"s1","status":"ACTIVE"}"""));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:8774/v2.1/") };

        VersionDocument doc = await OpenStackHttp.GetJsonAsync(
            http, "servers/" + Uri.EscapeDataString("a b/c"), "/servers/{id}", HttpTestJsonContext.Default.VersionDocument, CancellationToken.None);

        Assert.Equal("s1", doc.Id);
        Assert.Equal("http://127.0.0.1:8774/v2.1/servers/a%20b%2Fc", handler.Requests[^1].Uri.AbsoluteUri);
    }

    // OpenStackHttp builds the absolute URI itself for a base address ending in '/': it must be the URI HttpClient
    // would have made from the relative one, for every shape of path and query the generated clients send.
    [Theory]
    [InlineData("http://127.0.0.1:8774/v2.1/", "servers/427950e7-d04f-4c26-abe1-2fd5e1237198")]
    [InlineData("http://127.0.0.1:8774/v2.1/", "servers/detail?limit=100&marker=a%3Ab&name=x%20y")]
    [InlineData("http://127.0.0.1:8774/v2.1/", "servers/..")]
    [InlineData("http://127.0.0.1:8774/v2.1/", "servers/%C3%BC%2F.")]
    [InlineData("http://127.0.0.1:8774/v2.1/", "/servers")]
    [InlineData("http://127.0.0.1:8774/v2.1/", "")]
    [InlineData("https://[::1]:8080/v1/AUTH_p/", "c%3F/o%23?format=json")]
    [InlineData("http://127.0.0.1:8774/v2.1", "servers")]
    [InlineData("http://127.0.0.1:9292/?a=b", "v2/images")]
    public async Task GetJsonAsync_sends_the_uri_HttpClient_would_make_from_the_relative_one(string baseAddress, string relative)
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"s1","status":"ACTIVE"}"""));
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };

        await OpenStackHttp.GetJsonAsync(http, relative, "/x", HttpTestJsonContext.Default.VersionDocument, CancellationToken.None);

        Uri expected = new(new Uri(baseAddress), new Uri(relative, UriKind.Relative));
        Assert.Equal(expected.AbsoluteUri, handler.Requests[^1].Uri.AbsoluteUri);
        Assert.Equal(expected.PathAndQuery, handler.Requests[^1].Uri.PathAndQuery);
    }

    [Fact]
    public async Task GetJsonAsync_names_the_absolute_uri_when_the_body_is_null()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "null"));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:8774/v2.1/") };

        var ex = await Assert.ThrowsAsync<System.IO.InvalidDataException>(() => OpenStackHttp.GetJsonAsync(
            http, "flavors/f", "/flavors/{id}", HttpTestJsonContext.Default.VersionDocument, CancellationToken.None));

        Assert.Contains("http://127.0.0.1:8774/v2.1/flavors/f", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent, "")]
    [InlineData(HttpStatusCode.OK, "")]
    [InlineData(HttpStatusCode.OK, "null")]
    public async Task GetJsonOrNullAsync_gives_null_for_an_empty_listing(HttpStatusCode status, string body)
    {
        var handler = new FakeHttpHandler(_ => new HttpResponseMessage(status) { Content = new StringContent(body) });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:8080/v1/AUTH_p/") };

        VersionDocument? doc = await OpenStackHttp.GetJsonOrNullAsync(http, "?format=json", "/", HttpTestJsonContext.Default.VersionDocument, CancellationToken.None);

        Assert.Null(doc);
        Assert.Equal("http://127.0.0.1:8080/v1/AUTH_p/?format=json", handler.Requests[^1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetJsonOrNullAsync_still_reads_a_body()
    {
        var handler = new FakeHttpHandler(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"c","status":"x"}"""));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:8080/v1/AUTH_p/") };

        VersionDocument? doc = await OpenStackHttp.GetJsonOrNullAsync(http, "", "/", HttpTestJsonContext.Default.VersionDocument, CancellationToken.None);

        Assert.Equal("c", doc?.Id);
    }
}
