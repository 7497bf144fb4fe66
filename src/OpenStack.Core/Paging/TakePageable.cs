using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Paging;

/// <summary>The first N items of another pageable.</summary>
internal sealed class TakePageable<T> : AsyncPageable<T>
{
    private readonly AsyncPageable<T> _source;
    private readonly int _maxItems;

    public TakePageable(AsyncPageable<T> source, int maxItems)
    {
        _source = source;
        _maxItems = maxItems;
    }

    public override IAsyncEnumerable<Page<T>> AsPages() => Iterate(default);

    private async IAsyncEnumerable<Page<T>> Iterate([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int remaining = _maxItems;
        if (remaining == 0)
        {
            yield break;
        }

        await foreach (Page<T> page in _source.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (page.Values.Count < remaining)
            {
                remaining -= page.Values.Count;
                yield return page;
                continue;
            }

            // Ending here, instead of looping, is what keeps the source from requesting another page.
            yield return page.Values.Count == remaining ? page : new Page<T>(Slice(page.Values, remaining), null);
            yield break;
        }
    }

    private static T[] Slice(IReadOnlyList<T> values, int count)
    {
        var slice = new T[count];
        for (int i = 0; i < count; i++)
        {
            slice[i] = values[i];
        }

        return slice;
    }
}
