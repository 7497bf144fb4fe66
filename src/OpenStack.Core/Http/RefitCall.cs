using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Refit;

namespace OpenStack.Http;

/// <summary>
/// Awaits Refit calls and undoes Refit's exception wrapping, so callers see the
/// <see cref="OpenStackException"/>, <see cref="HttpRequestException"/> or
/// <see cref="OperationCanceledException"/> that actually happened.
/// </summary>
public static class RefitCall
{
    /// <summary>Awaits a Refit call that returns a value.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The task returned by the Refit interface method.</param>
    /// <returns>The result of the call.</returns>
    public static async Task<T> Run<T>(Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ApiExceptionBase ex) when (ex.InnerException is not null)
        {
            // Keeps the stack trace of where our handler (or the transport) threw.
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        catch (ApiException ex)
        {
            throw ToOpenStackException(ex);
        }
    }

    /// <summary>Awaits a Refit call that returns no value.</summary>
    /// <param name="call">The task returned by the Refit interface method.</param>
    /// <returns>A task that completes when the call has.</returns>
    public static async Task Run(Task call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (ApiExceptionBase ex) when (ex.InnerException is not null)
        {
            // Keeps the stack trace of where our handler (or the transport) threw.
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        catch (ApiException ex)
        {
            throw ToOpenStackException(ex);
        }
    }

    // A non-success response that did not pass the error handler, e.g. from a client built by hand.
    private static OpenStackException ToOpenStackException(ApiException api) =>
        ErrorResponse.Create(
            (int)api.StatusCode,
            api.ReasonPhrase,
            api.HttpMethod,
            api.Uri,
            RequestIds.From(api.Headers),
            api.Content,
            api.ContentHeaders?.ContentType?.MediaType,
            api);
}
