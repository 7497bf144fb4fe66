namespace OpenStack.Auth;

/// <summary>
/// A snapshot of the settings that password authentication sends, so that changing the options
/// after connecting cannot change who the connection authenticates as.
/// </summary>
internal sealed record PasswordCredentials(
    string Password,
    string? UserId,
    string? Username,
    string? UserDomainId,
    string? UserDomainName,
    string? ProjectId,
    string? ProjectName,
    string? ProjectDomainId,
    string? ProjectDomainName,
    string? DomainId,
    string? DomainName)
{
    public static PasswordCredentials From(OpenStackClientOptions options) => new(
        options.Password ?? string.Empty,
        Blank(options.UserId),
        Blank(options.Username),
        Blank(options.UserDomainId),
        Blank(options.UserDomainName),
        Blank(options.ProjectId),
        Blank(options.ProjectName),
        Blank(options.ProjectDomainId),
        Blank(options.ProjectDomainName),
        Blank(options.DomainId),
        Blank(options.DomainName));

    // The record's generated ToString would print the password.
    public override string ToString() => "PasswordCredentials { Password=*** }";

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
