using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using OpenStack.Http;
using Refit;
using Xunit;

namespace OpenStack.Tests.Core;

public class RefitCallTests
{
    private static readonly Uri Url = new("http://127.0.0.1:9696/v2.0/networks/n-1");

    private static async Task<T> Throw<T>(Exception ex)
    {
        await Task.Yield();
        throw ex;
    }

    [Fact]
    public async Task Returns_the_result_of_a_successful_call()
    {
        Assert.Equal(42, await RefitCall.Run(Task.FromResult(42)));
    }

    [Fact]
    public async Task Unwraps_the_OpenStackException_our_handler_threw()
    {
        var original = new OpenStackException("boom", 404, HttpMethod.Get, Url, "req-1", "gone", "NetworkNotFound", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        var wrapped = new ApiRequestException(request, HttpMethod.Get, new RefitSettings(), original);

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => RefitCall.Run(Throw<int>(wrapped)));

        Assert.Same(original, ex);
    }

    [Fact]
    public async Task Unwraps_transport_and_cancellation_failures_for_void_calls()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Url);
        var transport = new HttpRequestException("connection refused");
        var cancelled = new TaskCanceledException("timeout");

        var ex1 = await Assert.ThrowsAsync<HttpRequestException>(
            () => RefitCall.Run((Task)Throw<int>(new ApiRequestException(request, HttpMethod.Delete, new RefitSettings(), transport))));
        var ex2 = await Assert.ThrowsAsync<TaskCanceledException>(
            () => RefitCall.Run((Task)Throw<int>(new ApiRequestException(request, HttpMethod.Delete, new RefitSettings(), cancelled))));

        Assert.Same(transport, ex1);
        Assert.Same(cancelled, ex2);
    }

    [Fact]
    public async Task Converts_an_ApiException_without_inner_into_OpenStackException()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            RequestMessage = request,
            Content = new StringContent(
                """{"NeutronError": {"type": "NetworkNotFound", "message": "Network n-1 could not be found.", "detail": ""}}""",
                Encoding.UTF8,
                "application/json"),
        };
        response.Headers.TryAddWithoutValidation("X-Openstack-Request-Id", "req-refit");
        ApiException api = await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());

        var ex = await Assert.ThrowsAsync<OpenStackException>(() => RefitCall.Run(Throw<string>(api)));

        Assert.Equal(404, ex.Status);
        Assert.Equal("NetworkNotFound", ex.ErrorCode);
        Assert.Equal("Network n-1 could not be found.", ex.ServerMessage);
        Assert.Equal("req-refit", ex.RequestId);
        Assert.Equal(Url, ex.RequestUri);
        Assert.Same(api, ex.InnerException);
    }

    [Fact]
    public async Task Other_exceptions_pass_unchanged()
    {
        var original = new InvalidOperationException("not refit");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => RefitCall.Run(Throw<int>(original)));

        Assert.Same(original, ex);
    }
}
