using System.Reflection;

namespace OpenStack.Http;

/// <summary>Builds the User-Agent header value: <c>{ApplicationName} openstack-dotnet/{version}</c>.</summary>
internal static class UserAgent
{
    public static string LibraryToken { get; } = "openstack-dotnet/" + LibraryVersion();

    public static string For(string? applicationName) =>
        string.IsNullOrWhiteSpace(applicationName) ? LibraryToken : applicationName.Trim() + " " + LibraryToken;

    private static string LibraryVersion()
    {
        Assembly assembly = typeof(UserAgent).Assembly;
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString();
        return string.IsNullOrWhiteSpace(version) ? "0.0.0" : version.Replace(' ', '-');
    }
}
