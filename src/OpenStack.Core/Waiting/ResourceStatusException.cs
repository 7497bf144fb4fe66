using System;

namespace OpenStack.Waiting;

/// <summary>A resource reached a failure status (e.g. ERROR) while something waited for another one.</summary>
public sealed class ResourceStatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResourceStatusException(string resource, string status, string? fault)
        : base($"{resource} went to status {status} instead" + (fault is null ? "." : ": " + fault))
    {
        Resource = resource;
        Status = status;
        Fault = fault;
    }

    /// <summary>What was waited for, e.g. <c>server 0b1c…</c>.</summary>
    public string Resource { get; }

    /// <summary>The failure status it reached.</summary>
    public string Status { get; }

    /// <summary>The service's explanation (a server's fault message), when it gave one.</summary>
    public string? Fault { get; }
}
