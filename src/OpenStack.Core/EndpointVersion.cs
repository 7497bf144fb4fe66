using System;
using System.Text.RegularExpressions;

namespace OpenStack;

/// <summary>
/// Turns a catalog endpoint into the base address of a specific API version.
/// </summary>
public static partial class EndpointVersion
{
    /// <summary>
    /// Returns <paramref name="endpoint"/> with <paramref name="version"/> appended as a path
    /// segment, unless the path already names a version (such as <c>/v2.1</c> or
    /// <c>/v3/{project_id}</c>), in which case the path is kept. The result always ends with '/'
    /// so that relative request paths resolve beneath it.
    /// </summary>
    /// <param name="endpoint">An absolute endpoint URL from the service catalog.</param>
    /// <param name="version">The version segment, for example <c>v2</c>.</param>
    /// <returns>The versioned base address.</returns>
    public static Uri WithVersion(Uri endpoint, string version)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(version);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
        }

        // Catalogs register both versioned and unversioned endpoints, and some embed the
        // project id after the version; only an unversioned one may get the segment appended.
        string path = endpoint.AbsolutePath.TrimEnd('/');
        if (!PathHasVersion(path) && version.Length > 0)
        {
            path = path + "/" + version.Trim('/');
        }

        string text = endpoint.GetLeftPart(UriPartial.Authority) + path + "/" + endpoint.Query;
        return new Uri(text, UriKind.Absolute);
    }

    private static bool PathHasVersion(string path)
    {
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (VersionSegment().IsMatch(segment))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^v\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();
}
