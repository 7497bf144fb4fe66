using System;

namespace OpenStack.Paging;

/// <summary>Turns the next-page links services return into request URIs.</summary>
public static class PageLinks
{
    /// <summary>
    /// Combines the scheme, host and path of the list request with the query of
    /// <paramref name="nextLink"/>. Services build their links from their own idea of their
    /// address, which is wrong behind a proxy or path prefix; the query (marker, limit, filters)
    /// is the part that matters.
    /// </summary>
    /// <param name="listUri">The absolute URI of the list request that returned the link.</param>
    /// <param name="nextLink">
    /// The link from the response: absolute (<c>http://other:8774/v2.1/servers?marker=x</c>) or
    /// relative (<c>/v2/images?marker=x</c>).
    /// </param>
    /// <returns>The URI of the next page.</returns>
    public static Uri Resolve(Uri listUri, string nextLink)
    {
        ArgumentNullException.ThrowIfNull(listUri);
        ArgumentException.ThrowIfNullOrEmpty(nextLink);
        if (!listUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The list URI must be absolute.", nameof(listUri));
        }

        // Parsed as text: on Unix "/v2/images?x" would otherwise parse as an absolute file: URI.
        string link = nextLink.Trim();
        int fragment = link.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            link = link[..fragment];
        }

        int queryStart = link.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            // A link without a query carries its position in the path; it has to be followed as given.
            return new Uri(listUri, link);
        }

        string basePart = listUri.GetLeftPart(UriPartial.Path);
        return new Uri(basePart + link[queryStart..], UriKind.Absolute);
    }
}
