using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Diagnostics;

/// <summary>What the pipeline's handlers tell each other about a request, kept in <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RequestTags
{
    private static readonly HttpRequestOptionsKey<string> ServiceTypeKey = new("OpenStack.ServiceType");
    private static readonly HttpRequestOptionsKey<int> SendCountKey = new("OpenStack.SendCount");

    // Refit puts the route template ("/images/{id}") of every request it builds under this key; the
    // streaming GET path (OpenStackHttp) uses the same key, so both are named alike in traces.
    private static readonly HttpRequestOptionsKey<string> RefitTemplateKey = new(Refit.HttpRequestMessageOptions.RelativePathTemplate);

    public static string? ServiceType(HttpRequestMessage request) =>
        request.Options.TryGetValue(ServiceTypeKey, out string? type) ? type : null;

    public static void SetServiceType(HttpRequestMessage request, string serviceType)
    {
        if (!request.Options.TryGetValue(ServiceTypeKey, out _))
        {
            request.Options.Set(ServiceTypeKey, serviceType);
        }
    }

    public static string? Template(HttpRequestMessage request) =>
        request.Options.TryGetValue(RefitTemplateKey, out string? template) && !string.IsNullOrEmpty(template) ? template : null;

    public static void SetTemplate(HttpRequestMessage request, string template) => request.Options.Set(RefitTemplateKey, template);

    /// <summary>How often the request was sent before (retries, re-sends after a 401), and counts this sending.</summary>
    public static int NextSend(HttpRequestMessage request)
    {
        int sent = request.Options.TryGetValue(SendCountKey, out int count) ? count : 0;
        // Options holds objects: the common counts are boxed once here rather than on every request.
        ((IDictionary<string, object?>)request.Options)[SendCountKey.Key] = sent + 1 < BoxedCounts.Length ? BoxedCounts[sent + 1] : sent + 1;
        return sent;
    }

    private static readonly object[] BoxedCounts = [0, 1, 2, 3, 4, 5, 6, 7, 8];
}

/// <summary>
/// The front of a service's <see cref="HttpClient"/>: records which catalog service the request is
/// for, then hands it to the connection's shared pipeline (which it never disposes).
/// </summary>
internal sealed class ServiceTypeHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _pipeline;
    private readonly string _serviceType;

    public ServiceTypeHandler(HttpMessageHandler pipeline, string serviceType)
    {
        _pipeline = new HttpMessageInvoker(pipeline, disposeHandler: false);
        _serviceType = serviceType;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestTags.SetServiceType(request, _serviceType);
        return _pipeline.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pipeline.Dispose();
        }

        base.Dispose(disposing);
    }
}
