using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Http;

/// <summary>
/// Outermost handler: turns every error response (4xx, 5xx) into an <see cref="OpenStackException"/>,
/// so callers never have to inspect status codes and error bodies are parsed in one place.
/// </summary>
internal sealed class ErrorHandler : DelegatingHandler
{
    public ErrorHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // A 3xx that HttpClient did not follow is an answer, not a failure: Keystone's root answers
        // 300 Multiple Choices with its version document, and a conditional GET may get 304.
        if ((int)response.StatusCode < 400)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorResponse.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    // The synchronous path would skip error translation and authentication, so it is refused outright.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");
}
