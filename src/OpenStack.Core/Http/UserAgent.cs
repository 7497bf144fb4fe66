using System;
using System.Reflection;

namespace OpenStack.Http;

/// <summary>Builds the User-Agent header value: <c>{ApplicationName} openstack-dotnet/{version}</c>.</summary>
internal static class UserAgent
{
    /// <summary>The package version, without build metadata (also the version of the ActivitySource and Meter).</summary>
    public static string LibraryVersionText { get; } = LibraryVersion();

    public static string LibraryToken { get; } = "openstack-dotnet/" + LibraryVersionText;

    public static string For(string? applicationName) =>
        string.IsNullOrWhiteSpace(applicationName) ? LibraryToken : applicationName.Trim() + " " + LibraryToken;

    private static string LibraryVersion()
    {
        Assembly assembly = typeof(UserAgent).Assembly;
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString();
        if (string.IsNullOrWhiteSpace(version))
        {
            return "0.0.0";
        }

        // The SDK appends "+<commit>" to the informational version; servers and operators want the
        // package version, and the commit would make every build's requests look like a new client.
        int metadata = version.IndexOf('+', StringComparison.Ordinal);
        return (metadata < 0 ? version : version[..metadata]).Replace(' ', '-');
    }
}
