using System;
using System.Net;
using System.Net.Http;

namespace OpenStack;

/// <summary>
/// Thrown when an OpenStack service answers with a non-success status. Carries what the
/// service said in a normalised form, whatever the service's own error body looks like.
/// </summary>
/// <remarks>
/// Neither the message nor any property contains request headers, so the authentication
/// token never ends up in logs through this exception.
/// </remarks>
public class OpenStackException : Exception
{
    /// <summary>The most characters of the response body kept in <see cref="ResponseBody"/>.</summary>
    public const int MaxResponseBodyLength = 4096;

    /// <summary>Creates the exception with every detail of the failed call.</summary>
    /// <param name="message">The full human-readable message.</param>
    /// <param name="status">The HTTP status code of the response.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="requestUri">The URI of the request.</param>
    /// <param name="requestId">The request id the service assigned, if any.</param>
    /// <param name="serverMessage">The error text extracted from the response body, if any.</param>
    /// <param name="errorCode">The service's machine-readable error name, if any.</param>
    /// <param name="responseBody">The raw response body; only the first 4 KiB are kept.</param>
    /// <param name="inner">The exception that caused this one, if any.</param>
    public OpenStackException(
        string message,
        int status,
        HttpMethod? method,
        Uri? requestUri,
        string? requestId,
        string? serverMessage,
        string? errorCode,
        string? responseBody,
        Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Method = method;
        RequestUri = requestUri;
        RequestId = requestId;
        ServerMessage = serverMessage;
        ErrorCode = errorCode;
        ResponseBody = responseBody is { Length: > MaxResponseBodyLength }
            ? responseBody[..MaxResponseBodyLength]
            : responseBody;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int Status { get; }

    /// <summary>The HTTP status code of the response as an enum value.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    /// <summary>The HTTP method of the failed request.</summary>
    public HttpMethod? Method { get; }

    /// <summary>The URI of the failed request.</summary>
    public Uri? RequestUri { get; }

    /// <summary>
    /// The id the service assigned to the request (from <c>X-Openstack-Request-Id</c>,
    /// <c>X-Compute-Request-Id</c> or <c>X-Trans-Id</c>); quote it when asking an operator
    /// to look at server logs.
    /// </summary>
    public string? RequestId { get; }

    /// <summary>The error text the service sent, extracted from its error body.</summary>
    public string? ServerMessage { get; }

    /// <summary>
    /// The service's machine-readable error name when it sends one: the fault name for
    /// compute and block storage (<c>itemNotFound</c>), the Neutron error type
    /// (<c>NetworkNotFound</c>), the placement error code, otherwise the error title.
    /// </summary>
    public string? ErrorCode { get; }

    /// <summary>The beginning (at most 4 KiB) of the raw response body.</summary>
    public string? ResponseBody { get; }
}
