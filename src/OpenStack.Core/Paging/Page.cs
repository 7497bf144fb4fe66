using System;
using System.Collections.Generic;

namespace OpenStack.Paging;

/// <summary>One page of a list response.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="values">The items of the page.</param>
    /// <param name="nextLink">The link to the next page, or <see langword="null"/> on the last page.</param>
    public Page(IReadOnlyList<T> values, string? nextLink)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        NextLink = nextLink;
    }

    /// <summary>The items of the page.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The service's link to the next page, or <see langword="null"/> on the last page.</summary>
    public string? NextLink { get; }
}
