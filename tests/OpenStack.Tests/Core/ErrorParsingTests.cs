using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenStack.Http;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Core;

public class ErrorParsingTests
{
    private static async Task<OpenStackException> FailAsync(Func<HttpResponseMessage> respond, string url = "http://127.0.0.1:9292/v2/images/x")
    {
        var keystone = new FakeKeystone((_, _) => Task.FromResult(respond()));
        using OpenStackConnection connection = await keystone.ConnectAsync();
        using HttpClient http = connection.CreateHttpClient(new Uri("http://127.0.0.1/"));
        return await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri(url)));
    }

    [Fact]
    public async Task Identity_error()
    {
        OpenStackException ex = await FailAsync(() => FakeHttpHandler.Json(
            HttpStatusCode.NotFound,
            """{"error":{"code":404,"message":"Could not find project: p-9.","title":"Not Found"}}""",
            ("X-Openstack-Request-Id", "req-ks-1")));

        Assert.Equal(404, ex.Status);
        Assert.Equal("Could not find project: p-9.", ex.ServerMessage);
        Assert.Equal("Not Found", ex.ErrorCode);
        Assert.Equal("req-ks-1", ex.RequestId);
        Assert.Equal(HttpMethod.Get, ex.Method);
        Assert.Equal(
            "GET http://127.0.0.1:9292/v2/images/x failed with 404 (Not Found): Could not find project: p-9. Request id: req-ks-1.",
            ex.Message);
    }

    [Fact]
    public async Task Image_json_error()
    {
        OpenStackException ex = await FailAsync(() => FakeHttpHandler.Json(
            HttpStatusCode.Conflict,
            """{"message": "Image status transition from active to queued is not allowed<br /><br />\n\n\n", "code": "409 Conflict", "title": "Conflict"}""",
            ("X-Openstack-Request-Id", "req-glance-2")));

        Assert.Equal(409, ex.Status);
        Assert.Equal("Image status transition from active to queued is not allowed", ex.ServerMessage);
        Assert.Equal("Conflict", ex.ErrorCode);
        Assert.Equal("req-glance-2", ex.RequestId);
    }

    [Fact]
    public async Task Image_html_error()
    {
        OpenStackException ex = await FailAsync(() => FakeHttpHandler.Text(
            HttpStatusCode.NotFound,
            "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID x<br /><br />\n\n\n\n </body>\n</html>",
            "text/html",
            ("X-Openstack-Request-Id", "req-123")));

        Assert.Equal("404 Not Found: No image found with ID x", ex.ServerMessage);
        Assert.Null(ex.ErrorCode);
        Assert.Equal(
            "GET http://127.0.0.1:9292/v2/images/x failed with 404 (Not Found): No image found with ID x. Request id: req-123.",
            ex.Message);
        Assert.Contains("<title>404 Not Found</title>", ex.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compute_fault()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Json(
                HttpStatusCode.NotFound,
                """{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}""",
                ("X-Compute-Request-Id", "req-nova-3")),
            "http://127.0.0.1:8774/v2.1/servers/abc");

        Assert.Equal("itemNotFound", ex.ErrorCode);
        Assert.Equal("Instance abc could not be found.", ex.ServerMessage);
        Assert.Equal("req-nova-3", ex.RequestId);
    }

    [Fact]
    public async Task Block_storage_fault()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Json(
                HttpStatusCode.BadRequest,
                """{"badRequest": {"code": 400, "message": "Invalid input received: size must be > 0"}}""",
                ("X-Openstack-Request-Id", "req-cinder-4")),
            "http://127.0.0.1:8776/v3/p/volumes");

        Assert.Equal(400, ex.Status);
        Assert.Equal("badRequest", ex.ErrorCode);
        Assert.Equal("Invalid input received: size must be > 0", ex.ServerMessage);
        Assert.Equal("req-cinder-4", ex.RequestId);
    }

    [Fact]
    public async Task Network_error()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Json(
                HttpStatusCode.NotFound,
                """{"NeutronError": {"type": "NetworkNotFound", "message": "Network n-1 could not be found.", "detail": ""}}""",
                ("X-Openstack-Request-Id", "req-neutron-5")),
            "http://127.0.0.1:9696/v2.0/networks/n-1");

        Assert.Equal("NetworkNotFound", ex.ErrorCode);
        Assert.Equal("Network n-1 could not be found.", ex.ServerMessage);
        Assert.Equal("req-neutron-5", ex.RequestId);
    }

    [Fact]
    public async Task Placement_error_takes_the_request_id_from_the_body_when_no_header_has_one()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Json(
                HttpStatusCode.NotFound,
                """{"errors": [{"status": 404, "title": "Not Found", "detail": "The resource could not be found.\n\n No resource provider with uuid rp-1 found  ", "code": "placement.undefined_code", "request_id": "req-placement-6"}]}"""),
            "http://127.0.0.1:8778/resource_providers/rp-1");

        Assert.Equal("placement.undefined_code", ex.ErrorCode);
        Assert.Equal("The resource could not be found. No resource provider with uuid rp-1 found", ex.ServerMessage);
        Assert.Equal("req-placement-6", ex.RequestId);
    }

    [Fact]
    public async Task Object_store_plain_text_with_trans_id()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Text(
                HttpStatusCode.Conflict,
                "There was a conflict when trying to complete your request.",
                "text/plain",
                ("X-Trans-Id", "tx-swift-7"),
                ("X-Openstack-Request-Id", "tx-swift-7")),
            "http://127.0.0.1:8080/v1/AUTH_p/c");

        Assert.Equal("There was a conflict when trying to complete your request.", ex.ServerMessage);
        Assert.Equal("tx-swift-7", ex.RequestId);
    }

    [Fact]
    public async Task Object_store_html_without_title()
    {
        OpenStackException ex = await FailAsync(
            () => FakeHttpHandler.Text(
                HttpStatusCode.NotFound,
                "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
                "text/html",
                ("X-Trans-Id", "tx-swift-8")),
            "http://127.0.0.1:8080/v1/AUTH_p/missing");

        Assert.Equal("Not Found: The resource could not be found.", ex.ServerMessage);
        Assert.Equal("tx-swift-8", ex.RequestId);
    }

    [Fact]
    public async Task Request_id_headers_are_tried_in_order()
    {
        OpenStackException ex = await FailAsync(() => FakeHttpHandler.Json(
            HttpStatusCode.InternalServerError,
            "{}",
            ("X-Trans-Id", "third"),
            ("X-Compute-Request-Id", "second"),
            ("X-Openstack-Request-Id", "first")));

        Assert.Equal("first", ex.RequestId);
        Assert.Null(ex.ServerMessage);
        Assert.Equal("GET http://127.0.0.1:9292/v2/images/x failed with 500 (Internal Server Error). Request id: first.", ex.Message);
    }

    [Fact]
    public async Task An_empty_body_still_gives_a_useful_message()
    {
        OpenStackException ex = await FailAsync(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        Assert.Equal(503, ex.Status);
        Assert.Null(ex.ServerMessage);
        Assert.Null(ex.RequestId);
        Assert.Null(ex.ResponseBody);
        Assert.Equal("GET http://127.0.0.1:9292/v2/images/x failed with 503 (Service Unavailable).", ex.Message);
    }

    [Fact]
    public async Task The_response_body_is_capped_at_4_KiB()
    {
        string huge = new('x', 100_000);
        OpenStackException ex = await FailAsync(() => FakeHttpHandler.Text(HttpStatusCode.BadGateway, huge, "text/plain"));

        Assert.Equal(OpenStackException.MaxResponseBodyLength, ex.ResponseBody?.Length);
        Assert.True(ex.Message.Length < 3000, "the message should carry a bounded excerpt");
    }

    [Fact]
    public void Ironic_nested_fault_string_is_unwrapped()
    {
        ParsedError parsed = ErrorBodyParser.Parse(
            """{"error_message": "{\"faultstring\": \"Node n-1 could not be found.\", \"faultcode\": \"Client\", \"debuginfo\": null}"}""",
            "application/json");

        Assert.Equal("Node n-1 could not be found.", parsed.Message);
    }

    [Fact]
    public void Invalid_json_is_treated_as_text()
    {
        ParsedError parsed = ErrorBodyParser.Parse("{not json at all", "application/json");

        Assert.Equal("{not json at all", parsed.Message);
        Assert.Null(parsed.ErrorCode);
    }
}
