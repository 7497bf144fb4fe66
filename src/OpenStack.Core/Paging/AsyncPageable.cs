using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Paging;

/// <summary>
/// A list that the service returns in pages. Enumerating it yields the items and requests the
/// next page only once the items of the current one are consumed, so a list of any length is
/// never held in memory as a whole.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Enumerates the pages, requesting each one when the enumerator moves to it.</summary>
    /// <returns>The pages in order.</returns>
    public abstract IAsyncEnumerable<Page<T>> AsPages();

    /// <summary>Enumerates the items of all pages in order.</summary>
    /// <param name="cancellationToken">Cancels the enumeration and the page request in flight.</param>
    /// <returns>An enumerator over the items.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }

    /// <summary>
    /// Limits the enumeration to the first <paramref name="maxItems"/> items; no page beyond
    /// the one holding the last of them is requested.
    /// </summary>
    /// <param name="maxItems">The most items to yield; zero yields none and requests nothing.</param>
    /// <returns>A pageable over at most <paramref name="maxItems"/> items.</returns>
    public AsyncPageable<T> Take(int maxItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        return new TakePageable<T>(this, maxItems);
    }
}
