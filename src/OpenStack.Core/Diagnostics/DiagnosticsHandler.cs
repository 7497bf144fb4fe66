using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenStack.Http;

namespace OpenStack.Diagnostics;

/// <summary>
/// Reports every request the connection sends, once per attempt: an <see cref="Activity"/> from
/// <see cref="OpenStackDiagnostics.ActivitySource"/>, the duration histogram and request counter, and
/// a Debug log line with the method, the redacted URL, the status, the duration and the request id.
/// Headers and bodies are logged only with <see cref="OpenStackClientOptions.LogHttpContent"/>, and
/// then with every secret masked (<see cref="SecretRedaction"/>).
/// </summary>
/// <remarks>
/// Sits just above the transport, below authentication: it sees the token header (and masks it) and
/// sees each retry and each re-send after a 401 as a request of its own, as OpenTelemetry's HTTP client
/// conventions count them.
/// </remarks>
internal sealed partial class DiagnosticsHandler : DelegatingHandler
{
    /// <summary>The longest body that is logged; longer or streamed ones are described, not read.</summary>
    internal const int MaxLoggedBodyBytes = 16 * 1024;

    private readonly ILogger _logger;
    private readonly bool _logContent;
    private readonly string? _serviceType;

    /// <param name="innerHandler">The transport side.</param>
    /// <param name="logger">Where request lines go (category <see cref="OpenStackDiagnostics.HttpLoggerCategory"/>).</param>
    /// <param name="logContent">Whether headers and bodies are logged as well.</param>
    /// <param name="serviceType">The service type of every request that does not name one (the auth pipeline: <c>identity</c>).</param>
    public DiagnosticsHandler(HttpMessageHandler innerHandler, ILogger logger, bool logContent, string? serviceType = null)
        : base(innerHandler)
    {
        _logger = logger;
        _logContent = logContent;
        _serviceType = serviceType;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int resendCount = RequestTags.NextSend(request);
        bool logDebug = _logger.IsEnabled(LogLevel.Debug);
        bool metrics = OpenStackDiagnostics.RequestDuration.Enabled || OpenStackDiagnostics.RequestCount.Enabled;
        Activity? activity = OpenStackDiagnostics.ActivitySource.HasListeners()
            ? OpenStackDiagnostics.ActivitySource.StartActivity(Operation(request), ActivityKind.Client)
            : null;
        // Nothing listens: hand the request on without an async state machine of our own.
        return !logDebug && !metrics && activity is null
            ? base.SendAsync(request, cancellationToken)
            : SendObservedAsync(request, resendCount, logDebug, metrics, activity, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, int resendCount, bool logDebug, bool metrics, Activity? activity, CancellationToken cancellationToken)
    {
        string? serviceType = RequestTags.ServiceType(request) ?? _serviceType;
        if (activity is { IsAllDataRequested: true })
        {
            StartTags(activity, request, serviceType, resendCount);
        }

        if (logDebug && _logContent)
        {
            await LogRequestContentAsync(request, serviceType, cancellationToken).ConfigureAwait(false);
        }

        long started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            TimeSpan failedAfter = Stopwatch.GetElapsedTime(started);
            string errorType = ErrorType(ex);
            if (metrics)
            {
                Record(request, serviceType, status: null, errorType, failedAfter);
            }

            if (activity is not null)
            {
                activity.SetTag(OpenStackDiagnostics.ErrorTypeTag, errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
                activity.Dispose();
            }

            if (logDebug)
            {
                LogFailure(_logger, request.Method.Method, SecretRedaction.Uri(request.RequestUri), failedAfter.TotalMilliseconds, serviceType ?? "-", errorType, ex);
            }

            throw;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        int status = (int)response.StatusCode;
        string? error = status >= 400 ? status.ToString(CultureInfo.InvariantCulture) : null;
        string? requestId = activity is not null || logDebug ? RequestIds.From(response.Headers) : null;
        if (metrics)
        {
            Record(request, serviceType, status, error, elapsed);
        }

        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(OpenStackDiagnostics.StatusCodeTag, status);
                activity.SetTag(OpenStackDiagnostics.RequestIdTag, requestId);
                if (error is not null)
                {
                    activity.SetTag(OpenStackDiagnostics.ErrorTypeTag, error);
                }
            }

            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.Dispose();
        }

        if (logDebug)
        {
            LogResponse(_logger, request.Method.Method, SecretRedaction.Uri(request.RequestUri), status, response.ReasonPhrase ?? string.Empty, elapsed.TotalMilliseconds, serviceType ?? "-", requestId ?? "-");
            if (_logContent)
            {
                await LogResponseContentAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("OpenStack clients support only asynchronous requests.");

    internal static string Operation(HttpRequestMessage request)
    {
        string? template = RequestTags.Template(request);
        return template is null ? request.Method.Method : request.Method.Method + " " + (template.StartsWith('/') ? template : "/" + template);
    }

    private static void StartTags(Activity activity, HttpRequestMessage request, string? serviceType, int resendCount)
    {
        activity.SetTag(OpenStackDiagnostics.MethodTag, request.Method.Method);
        activity.SetTag(OpenStackDiagnostics.OperationTag, activity.OperationName);
        activity.SetTag(OpenStackDiagnostics.ServiceTypeTag, serviceType);
        activity.SetTag(OpenStackDiagnostics.UrlTag, SecretRedaction.Uri(request.RequestUri));
        if (RequestTags.Template(request) is string template)
        {
            activity.SetTag(OpenStackDiagnostics.UrlTemplateTag, template);
        }

        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag(OpenStackDiagnostics.ServerAddressTag, uri.Host);
            activity.SetTag(OpenStackDiagnostics.ServerPortTag, uri.Port);
        }

        if (resendCount > 0)
        {
            activity.SetTag(OpenStackDiagnostics.ResendCountTag, resendCount);
        }
    }

    private static void Record(HttpRequestMessage request, string? serviceType, int? status, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { OpenStackDiagnostics.ServiceTypeTag, serviceType },
            { OpenStackDiagnostics.OperationTag, Operation(request) },
            { OpenStackDiagnostics.MethodTag, request.Method.Method },
            { OpenStackDiagnostics.ServerAddressTag, request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Host : null },
        };
        if (status is int code)
        {
            tags.Add(OpenStackDiagnostics.StatusCodeTag, code);
        }

        if (errorType is not null)
        {
            tags.Add(OpenStackDiagnostics.ErrorTypeTag, errorType);
        }

        OpenStackDiagnostics.RequestDuration.Record(elapsed.TotalSeconds, tags);
        OpenStackDiagnostics.RequestCount.Add(1, tags);
    }

    // OpenTelemetry's error.type: the HttpRequestError for transport failures (as System.Net.Http reports
    // it), else the exception's type.
    internal static string ErrorType(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => SnakeCase(http.HttpRequestError.ToString()),
        OperationCanceledException => "canceled",
        _ => ex.GetType().FullName ?? ex.GetType().Name,
    };

    private static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private async Task LogRequestContentAsync(HttpRequestMessage request, string? serviceType, CancellationToken cancellationToken)
    {
        string body = await DescribeRequestBodyAsync(request, cancellationToken).ConfigureAwait(false);
        LogRequestContent(
            _logger,
            request.Method.Method,
            SecretRedaction.Uri(request.RequestUri),
            serviceType ?? "-",
            SecretRedaction.Headers(request.Headers, request.Content?.Headers),
            body);
    }

    private async Task LogResponseContentAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await DescribeResponseBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.IO.IOException)
        {
            // Reading the body for the log failed; the caller will see the same failure when it reads it.
            body = "(body could not be read)";
        }

        LogResponseContent(
            _logger,
            request.Method.Method,
            SecretRedaction.Uri(request.RequestUri),
            (int)response.StatusCode,
            SecretRedaction.Headers(response.Headers, response.Content.Headers),
            body);
    }

    private static async Task<string> DescribeRequestBodyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpContent? content = request.Content;
        if (content is null)
        {
            return "(none)";
        }

        if (!IsText(content))
        {
            return $"({content.Headers.ContentType?.MediaType ?? "binary"}, {Length(content)})";
        }

        // Only contents that are in memory already are read: a stream is sent as it is, never buffered for a log.
        switch (content)
        {
            case JsonContent json:
                await json.LoadIntoBufferAsync().ConfigureAwait(false);
                break;
            case ByteArrayContent or ReadOnlyMemoryContent:
                break;
            default:
                return $"({content.GetType().Name}, {Length(content)}, streamed: not logged)";
        }

        if (content.Headers.ContentLength is > MaxLoggedBodyBytes)
        {
            return $"({Length(content)}: longer than {MaxLoggedBodyBytes} bytes, not logged)";
        }

        string text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return SecretRedaction.Body(text, request);
    }

    private static async Task<string> DescribeResponseBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HttpContent content = response.Content;
        long? length = content.Headers.ContentLength;
        if (length == 0)
        {
            return "(none)";
        }

        if (!IsText(content))
        {
            return $"({content.Headers.ContentType?.MediaType ?? "no content type"}, {Length(content)})";
        }

        // A body of unknown length may be a long stream: it is left to the caller rather than buffered.
        if (length is null or > MaxLoggedBodyBytes)
        {
            return $"({Length(content)}: not logged, only bodies of known length up to {MaxLoggedBodyBytes} bytes are)";
        }

        await content.LoadIntoBufferAsync().ConfigureAwait(false);
        string text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return SecretRedaction.Body(text, request);
    }

    private static bool IsText(HttpContent content)
    {
        string? mediaType = content.Headers.ContentType?.MediaType;
        return mediaType is not null
            && (mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
                || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
    }

    private static string Length(HttpContent content) =>
        content.Headers.ContentLength is long length ? length.ToString(CultureInfo.InvariantCulture) + " bytes" : "length unknown";

    [LoggerMessage(EventId = 1, EventName = "HttpResponse", Level = LogLevel.Debug,
        Message = "{Method} {Url} answered {StatusCode} {ReasonPhrase} in {ElapsedMilliseconds:0.0} ms (service {ServiceType}, request id {RequestId})")]
    private static partial void LogResponse(ILogger logger, string method, string url, int statusCode, string reasonPhrase, double elapsedMilliseconds, string serviceType, string requestId);

    [LoggerMessage(EventId = 2, EventName = "HttpFailure", Level = LogLevel.Debug,
        Message = "{Method} {Url} failed after {ElapsedMilliseconds:0.0} ms (service {ServiceType}): {ErrorType}")]
    private static partial void LogFailure(ILogger logger, string method, string url, double elapsedMilliseconds, string serviceType, string errorType, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "HttpRequestContent", Level = LogLevel.Debug,
        Message = "{Method} {Url} (service {ServiceType}) request headers: {Headers}; body: {Body}")]
    private static partial void LogRequestContent(ILogger logger, string method, string url, string serviceType, string headers, string body);

    [LoggerMessage(EventId = 4, EventName = "HttpResponseContent", Level = LogLevel.Debug,
        Message = "{Method} {Url} response {StatusCode} headers: {Headers}; body: {Body}")]
    private static partial void LogResponseContent(ILogger logger, string method, string url, int statusCode, string headers, string body);
}
