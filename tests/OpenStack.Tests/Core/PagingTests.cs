using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Paging;
using Xunit;

namespace OpenStack.Tests.Core;

public class PagingTests
{
    /// <summary>A fake list of <paramref name="total"/> numbers served <paramref name="pageSize"/> at a time, with marker links.</summary>
    private sealed class NumberService
    {
        private readonly int _total;
        private readonly int _pageSize;

        public NumberService(int total, int pageSize)
        {
            _total = total;
            _pageSize = pageSize;
        }

        public List<string?> Links { get; } = [];

        public Task<Page<int>> FetchAsync(string? link, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Links.Add(link);
            int start = link is null ? 0 : int.Parse(link.Split("marker=")[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
            int[] values = Enumerable.Range(start, Math.Max(0, Math.Min(_pageSize, _total - start))).ToArray();
            string? next = values.Length == _pageSize ? $"/v2/things?limit={_pageSize}&marker={values[^1]}" : null;
            return Task.FromResult(new Page<int>(values, next));
        }
    }

    [Fact]
    public async Task Enumerates_every_item_of_every_page_in_order()
    {
        var service = new NumberService(total: 10, pageSize: 3);

        var items = new List<int>();
        await foreach (int item in Pageable.Create<int>(service.FetchAsync))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal(4, service.Links.Count);
        Assert.Null(service.Links[0]);
        Assert.Equal("/v2/things?limit=3&marker=2", service.Links[1]);
    }

    [Fact]
    public async Task Fetches_the_next_page_only_when_the_current_one_is_consumed()
    {
        var service = new NumberService(total: 100_000, pageSize: 1000);
        AsyncPageable<int> pageable = Pageable.Create<int>(service.FetchAsync);
        Assert.Empty(service.Links);

        await using IAsyncEnumerator<int> items = pageable.GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        Assert.Single(service.Links);

        for (int i = 1; i < 1000; i++)
        {
            Assert.True(await items.MoveNextAsync());
        }

        Assert.Equal(999, items.Current);
        Assert.Single(service.Links);

        Assert.True(await items.MoveNextAsync());
        Assert.Equal(1000, items.Current);
        Assert.Equal(2, service.Links.Count);
    }

    [Fact]
    public async Task Take_stops_requesting_pages_once_enough_items_were_yielded()
    {
        var service = new NumberService(total: 100, pageSize: 10);

        var items = new List<int>();
        await foreach (int item in Pageable.Create<int>(service.FetchAsync).Take(15))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 15), items);
        Assert.Equal(2, service.Links.Count);
    }

    [Fact]
    public async Task Take_on_a_page_boundary_does_not_request_the_following_page()
    {
        var service = new NumberService(total: 100, pageSize: 10);

        var pages = new List<Page<int>>();
        await foreach (Page<int> page in Pageable.Create<int>(service.FetchAsync).Take(20).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(2, pages.Count);
        Assert.Equal(2, service.Links.Count);
    }

    [Fact]
    public async Task Take_zero_requests_nothing()
    {
        var service = new NumberService(total: 100, pageSize: 10);

        int count = 0;
        await foreach (int item in Pageable.Create<int>(service.FetchAsync).Take(0))
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Empty(service.Links);
        Assert.Throws<ArgumentOutOfRangeException>(() => Pageable.Create<int>(service.FetchAsync).Take(-1));
    }

    [Fact]
    public async Task A_repeated_next_link_ends_the_enumeration()
    {
        int calls = 0;
        AsyncPageable<int> pageable = Pageable.Create<int>((link, _) =>
        {
            calls++;
            return Task.FromResult(new Page<int>([calls], "/v2/images?marker=stuck"));
        });

        var items = new List<int>();
        await foreach (int item in pageable)
        {
            items.Add(item);
            Assert.True(items.Count < 100, "paging must not loop forever");
        }

        Assert.Equal([1, 2], items);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_empty_page_ends_the_enumeration_even_with_a_next_link()
    {
        int calls = 0;
        AsyncPageable<int> pageable = Pageable.Create<int>((link, _) =>
        {
            calls++;
            return Task.FromResult(new Page<int>([], "/v2/images?marker=" + calls));
        });

        int count = 0;
        await foreach (int item in pageable)
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_enumerator_token_cancels()
    {
        var service = new NumberService(total: 100, pageSize: 10);
        using var cts = new CancellationTokenSource();

        var items = new List<int>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int item in Pageable.Create<int>(service.FetchAsync).WithCancellation(cts.Token))
            {
                items.Add(item);
                if (item == 12)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(13, items.Count);
        Assert.Equal(2, service.Links.Count);
    }

    [Fact]
    public async Task The_token_given_to_Create_cancels()
    {
        var service = new NumberService(total: 100, pageSize: 10);
        using var cts = new CancellationTokenSource();
        using var unrelated = new CancellationTokenSource();
        CancellationToken seenByFetch = default;
        AsyncPageable<int> pageable = Pageable.Create<int>(
            (link, token) =>
            {
                seenByFetch = token;
                return service.FetchAsync(link, token);
            },
            cts.Token);

        int count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int item in pageable.WithCancellation(unrelated.Token))
            {
                count++;
                if (count == 5)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.True(seenByFetch.IsCancellationRequested);
        Assert.True(count <= 10, $"enumeration should stop within the current page, got {count} items");
        Assert.Single(service.Links);
    }

    [Fact]
    public async Task The_fetch_delegate_receives_a_token_that_cancels_an_in_flight_request()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AsyncPageable<int> pageable = Pageable.Create<int>(async (link, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return new Page<int>([], null);
        });

        Task consume = Task.Run(async () =>
        {
            await foreach (int item in pageable.WithCancellation(cts.Token))
            {
            }
        });
        await started.Task;
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consume);
    }

    [Theory]
    [InlineData("http://other:8774/v2.1/servers?marker=x&limit=2", "https://proxy.example/compute/v2.1/servers?marker=x&limit=2")]
    [InlineData("/v2/images?marker=x", "https://proxy.example/compute/v2.1/servers?marker=x")]
    [InlineData("servers?marker=x#frag", "https://proxy.example/compute/v2.1/servers?marker=x")]
    public void PageLinks_keeps_the_list_address_and_takes_only_the_query(string nextLink, string expected)
    {
        var listUri = new Uri("https://proxy.example/compute/v2.1/servers?limit=2");

        Assert.Equal(new Uri(expected), PageLinks.Resolve(listUri, nextLink));
    }

    [Fact]
    public void PageLinks_follows_a_link_without_query_as_given()
    {
        var listUri = new Uri("http://127.0.0.1:8080/v1/AUTH_p/container?format=json");

        Assert.Equal(new Uri("http://127.0.0.1:8080/v1/AUTH_p/page2"), PageLinks.Resolve(listUri, "page2"));
    }
}
