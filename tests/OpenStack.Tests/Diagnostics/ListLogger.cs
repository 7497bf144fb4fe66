using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace OpenStack.Tests.Diagnostics;

/// <summary>One formatted log entry.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string EventName, string Message, string? Exception);

/// <summary>An <see cref="ILoggerFactory"/> that keeps every entry at or above <see cref="MinimumLevel"/>.</summary>
public sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public string AllText => string.Join("\n", Entries.Select(e => e.Message + (e.Exception is null ? string.Empty : " | " + e.Exception)));

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue(new LogEntry(category, logLevel, eventId.Name ?? string.Empty, formatter(state, exception), exception?.ToString()));
            }
        }
    }
}
