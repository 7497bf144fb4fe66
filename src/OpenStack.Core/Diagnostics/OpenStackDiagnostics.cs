using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenStack.Http;

namespace OpenStack.Diagnostics;

/// <summary>
/// The names under which the SDK reports what it does, so that logging, tracing and metrics
/// pipelines can subscribe to them by name. OpenTelemetry needs nothing else:
/// <c>.AddSource(OpenStackDiagnostics.ActivitySourceName)</c> and <c>.AddMeter(OpenStackDiagnostics.MeterName)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every HTTP request the SDK sends (each attempt: a retry or a re-sent request after a 401 is a request
/// of its own) is one <see cref="Activity"/> of kind <see cref="ActivityKind.Client"/> named after its
/// operation (<c>GET /images/{image_id}</c>, or the method alone when the path template is unknown),
/// one measurement of <see cref="RequestDurationMetric"/> and one increment of <see cref="RequestCountMetric"/>.
/// Tag names follow OpenTelemetry's HTTP client conventions where they apply (<c>http.request.method</c>,
/// <c>http.response.status_code</c>, <c>error.type</c>, <c>server.address</c>, <c>url.full</c>,
/// <c>url.template</c>, <c>http.request.resend_count</c>); the OpenStack ones are in the <c>openstack.</c>
/// namespace. URLs are reported with credentials and signature query parameters replaced by <c>***</c>.
/// </para>
/// </remarks>
public static class OpenStackDiagnostics
{
    /// <summary>The name of the SDK's <see cref="ActivitySource"/>: <c>OpenStack.Client</c>.</summary>
    public const string ActivitySourceName = "OpenStack.Client";

    /// <summary>The name of the SDK's <see cref="Meter"/>: <c>OpenStack.Client</c>.</summary>
    public const string MeterName = "OpenStack.Client";

    /// <summary>The logger category of request logging: <c>OpenStack.Http</c>.</summary>
    public const string HttpLoggerCategory = "OpenStack.Http";

    /// <summary>Histogram of request durations in seconds (<c>openstack.client.request.duration</c>, unit <c>s</c>).</summary>
    public const string RequestDurationMetric = "openstack.client.request.duration";

    /// <summary>Counter of requests sent, whatever their outcome (<c>openstack.client.requests</c>, unit <c>{request}</c>).</summary>
    public const string RequestCountMetric = "openstack.client.requests";

    /// <summary>Counter of retries the SDK made (<c>openstack.client.retries</c>, unit <c>{retry}</c>).</summary>
    public const string RetryCountMetric = "openstack.client.retries";

    /// <summary>Tag: the catalog service type, e.g. <c>image</c>, <c>identity</c> (absent for requests sent through a client created without one).</summary>
    public const string ServiceTypeTag = "openstack.service.type";

    /// <summary>Tag: the method and, when known, the path template: <c>GET /images/{image_id}</c>, else <c>GET</c>.</summary>
    public const string OperationTag = "openstack.operation";

    /// <summary>Tag (activities only): the id the service gave the request (<c>X-Openstack-Request-Id</c> and the like).</summary>
    public const string RequestIdTag = "openstack.request_id";

    /// <summary>Tag: the HTTP method.</summary>
    public const string MethodTag = "http.request.method";

    /// <summary>Tag: the response status code (absent when no response came).</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag: the status code for 4xx/5xx, or what failed (<c>connection_error</c>, an exception type) when no response came.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag (activities only): the request URL, credentials and signatures redacted.</summary>
    public const string UrlTag = "url.full";

    /// <summary>Tag (activities only): the path template, when known.</summary>
    public const string UrlTemplateTag = "url.template";

    /// <summary>Tag: the server's host name or address.</summary>
    public const string ServerAddressTag = "server.address";

    /// <summary>Tag (activities only): the server's port.</summary>
    public const string ServerPortTag = "server.port";

    /// <summary>Tag (activities only): how many times this request was sent before (retries and re-sends after a 401).</summary>
    public const string ResendCountTag = "http.request.resend_count";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, UserAgent.LibraryVersionText);

    internal static readonly Meter Meter = new(MeterName, UserAgent.LibraryVersionText);

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        RequestDurationMetric,
        unit: "s",
        description: "Duration of HTTP requests the OpenStack SDK sent, per attempt."
#if NET9_0_OR_GREATER
        , advice: new InstrumentAdvice<double>
        {
            // OpenTelemetry's recommended buckets for http.client.request.duration.
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        }
#endif
        );

    internal static readonly Counter<long> RequestCount = Meter.CreateCounter<long>(
        RequestCountMetric, unit: "{request}", description: "HTTP requests the OpenStack SDK sent, per attempt.");

    internal static readonly Counter<long> RetryCount = Meter.CreateCounter<long>(
        RetryCountMetric, unit: "{retry}", description: "Requests the OpenStack SDK sent again after a 429, a 503 or a connection failure.");

    internal static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
