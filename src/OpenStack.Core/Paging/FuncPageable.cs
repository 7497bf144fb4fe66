using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Paging;

/// <summary>A pageable driven by a page-fetching delegate; see <see cref="Pageable.Create{T}"/>.</summary>
internal sealed class FuncPageable<T> : AsyncPageable<T>
{
    private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetchPage;
    private readonly CancellationToken _createToken;

    public FuncPageable(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken createToken)
    {
        _fetchPage = fetchPage;
        _createToken = createToken;
    }

    public override IAsyncEnumerable<Page<T>> AsPages() => Iterate(default);

    private async IAsyncEnumerable<Page<T>> Iterate([EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        CancellationTokenSource? linked = _createToken.CanBeCanceled && enumeratorToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_createToken, enumeratorToken)
            : null;
        try
        {
            CancellationToken cancellationToken = linked?.Token
                ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : _createToken);

            // Links already followed: a service that hands out the same marker again would
            // otherwise make the enumeration cycle forever.
            var followed = new HashSet<string>(StringComparer.Ordinal);
            string? link = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Page<T> page = await _fetchPage(link, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The page-fetching delegate returned null instead of a page.");
                yield return page;

                string? next = page.NextLink;
                if (page.Values.Count == 0 || string.IsNullOrEmpty(next) || !followed.Add(next))
                {
                    yield break;
                }

                link = next;
            }
        }
        finally
        {
            linked?.Dispose();
        }
    }
}
