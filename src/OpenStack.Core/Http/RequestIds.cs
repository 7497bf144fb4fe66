using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;

namespace OpenStack.Http;

/// <summary>Finds the id a service assigned to a request, whichever header the service uses for it.</summary>
internal static class RequestIds
{
    // Most services send X-Openstack-Request-Id, Nova's older middleware X-Compute-Request-Id, Swift X-Trans-Id.
    private static readonly string[] HeaderNames = ["X-Openstack-Request-Id", "X-Compute-Request-Id", "X-Trans-Id"];

    public static string? From(HttpHeaders? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (string name in HeaderNames)
        {
            if (headers.TryGetValues(name, out IEnumerable<string>? values))
            {
                string? value = values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                if (value is not null)
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }
}
