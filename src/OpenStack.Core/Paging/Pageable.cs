using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Paging;

/// <summary>Creates <see cref="AsyncPageable{T}"/> instances.</summary>
public static class Pageable
{
    /// <summary>
    /// Creates a pageable that requests pages through <paramref name="fetchPage"/>: with
    /// <see langword="null"/> for the first page, then with each page's
    /// <see cref="Page{T}.NextLink"/>. Paging stops at a page without a next link, at an empty
    /// page, and when the service repeats a link it already sent.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="fetchPage">Requests one page; receives the link (or <see langword="null"/>) and a cancellation token.</param>
    /// <param name="cancellationToken">
    /// Cancels every enumeration of the result, in addition to the token given to the enumerator.
    /// </param>
    /// <returns>The pageable; nothing is requested until it is enumerated.</returns>
    public static AsyncPageable<T> Create<T>(
        Func<string?, CancellationToken, Task<Page<T>>> fetchPage,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        return new FuncPageable<T>(fetchPage, cancellationToken);
    }
}
