using System;
using System.Text.Json.Serialization;
using Refit;

namespace OpenStack.Http;

/// <summary>Creates the Refit settings every generated service client uses.</summary>
public static class OpenStackRefitSettings
{
    /// <summary>
    /// Settings that serialize with a source-generated context (no reflection, AOT-safe), send
    /// request bodies buffered with a <c>Content-Length</c>, and format URL parameters with
    /// <see cref="OpenStackUrlParameterFormatter"/>.
    /// </summary>
    /// <param name="context">The source-generated JSON context of the service's models.</param>
    /// <returns>New settings.</returns>
    public static RefitSettings Create(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RefitSettings settings = RefitSettings.ForJsonContext(context);
        settings.UrlParameterFormatter = new OpenStackUrlParameterFormatter();
        // JSON bodies are serialized into a byte array: they go out with a Content-Length (uwsgi-hosted
        // services such as Keystone read a chunked body as empty: "Malformed JSON"), can be re-sent after a
        // 401, and take the source-generated fast path. Not RefitSettings.Buffered: that would also load
        // streamed uploads (image data) into memory.
        settings.RequestBodySerialization = RequestBodySerializationMode.Buffered;
        return settings;
    }
}
