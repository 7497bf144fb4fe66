using System;
using System.IO;
using System.Text.Json;

namespace OpenStack.Auth;

/// <summary>Writes the JSON bodies of Keystone token requests (v3 <c>auth/tokens</c>, v2.0 <c>tokens</c>).</summary>
internal static class KeystoneRequestBodies
{
    public static byte[] V3(AuthKind kind, KeystoneCredentials c) => Write(json =>
    {
        json.WriteStartObject("auth");
        json.WriteStartObject("identity");
        json.WriteStartArray("methods");
        foreach (string method in V3Methods(kind))
        {
            json.WriteStringValue(method);
        }

        json.WriteEndArray();
        switch (kind)
        {
            case AuthKind.Password:
                WritePassword(json, c);
                break;
            case AuthKind.Token:
                json.WriteStartObject("token");
                json.WriteString("id", c.Token);
                json.WriteEndObject();
                break;
            case AuthKind.ApplicationCredential:
                WriteApplicationCredential(json, c);
                break;
            case AuthKind.Totp:
                WriteTotp(json, c);
                break;
            case AuthKind.PasswordTotp:
                WritePassword(json, c);
                WriteTotp(json, c);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Keystone v3 method.");
        }

        json.WriteEndObject();

        // Keystone answers 401 when an application credential request names a scope.
        if (kind != AuthKind.ApplicationCredential)
        {
            WriteV3Scope(json, c);
        }

        json.WriteEndObject();
    });

    public static byte[] V2(AuthKind kind, KeystoneCredentials c) => Write(json =>
    {
        json.WriteStartObject("auth");
        if (kind == AuthKind.Password)
        {
            json.WriteStartObject("passwordCredentials");
            if (c.UserId is not null)
            {
                json.WriteString("userId", c.UserId);
            }
            else
            {
                json.WriteString("username", c.Username);
            }

            json.WriteString("password", c.Password);
            json.WriteEndObject();
        }
        else if (kind == AuthKind.Token)
        {
            json.WriteStartObject("token");
            json.WriteString("id", c.Token);
            json.WriteEndObject();
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Keystone v2.0 has only password and token authentication.");
        }

        if (c.Scope == ScopeKind.Project)
        {
            if (c.ScopeId is not null)
            {
                json.WriteString("tenantId", c.ScopeId);
            }
            else
            {
                json.WriteString("tenantName", c.ScopeName);
            }
        }

        json.WriteEndObject();
    });

    private static string[] V3Methods(AuthKind kind) => kind switch
    {
        AuthKind.Password => ["password"],
        AuthKind.Token => ["token"],
        AuthKind.ApplicationCredential => ["application_credential"],
        AuthKind.Totp => ["totp"],
        AuthKind.PasswordTotp => ["password", "totp"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Keystone v3 method."),
    };

    private static byte[] Write(Action<Utf8JsonWriter> writeAuth)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeAuth(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WritePassword(Utf8JsonWriter json, KeystoneCredentials c)
    {
        json.WriteStartObject("password");
        WriteUser(json, c, "password", c.Password);
        json.WriteEndObject();
    }

    private static void WriteTotp(Utf8JsonWriter json, KeystoneCredentials c)
    {
        json.WriteStartObject("totp");
        WriteUser(json, c, "passcode", c.Passcode);
        json.WriteEndObject();
    }

    private static void WriteApplicationCredential(Utf8JsonWriter json, KeystoneCredentials c)
    {
        json.WriteStartObject("application_credential");
        if (c.ApplicationCredentialId is not null)
        {
            // An id is globally unique; Keystone finds the owner from it.
            json.WriteString("id", c.ApplicationCredentialId);
        }
        else
        {
            json.WriteString("name", c.ApplicationCredentialName);
            WriteUser(json, c, null, null);
        }

        json.WriteString("secret", c.ApplicationCredentialSecret);
        json.WriteEndObject();
    }

    private static void WriteUser(Utf8JsonWriter json, KeystoneCredentials c, string? secretName, string? secret)
    {
        json.WriteStartObject("user");
        if (c.UserId is not null)
        {
            // An id is globally unique, so Keystone needs no domain with it.
            json.WriteString("id", c.UserId);
        }
        else
        {
            json.WriteString("name", c.Username);
            WriteDomain(json, c.UserDomainId, c.UserDomainName);
        }

        if (secretName is not null)
        {
            json.WriteString(secretName, secret);
        }

        json.WriteEndObject();
    }

    private static void WriteV3Scope(Utf8JsonWriter json, KeystoneCredentials c)
    {
        switch (c.Scope)
        {
            case ScopeKind.Project:
                json.WriteStartObject("scope");
                json.WriteStartObject("project");
                if (c.ScopeId is not null)
                {
                    json.WriteString("id", c.ScopeId);
                }
                else
                {
                    json.WriteString("name", c.ScopeName);
                    WriteDomain(json, c.ScopeDomainId, c.ScopeDomainName);
                }

                json.WriteEndObject();
                json.WriteEndObject();
                break;

            case ScopeKind.Domain:
                json.WriteStartObject("scope");
                WriteDomain(json, c.ScopeId, c.ScopeName);
                json.WriteEndObject();
                break;

            case ScopeKind.System:
                json.WriteStartObject("scope");
                json.WriteStartObject("system");
                json.WriteBoolean("all", true);
                json.WriteEndObject();
                json.WriteEndObject();
                break;

            case ScopeKind.Trust:
                json.WriteStartObject("scope");
                json.WriteStartObject("OS-TRUST:trust");
                json.WriteString("id", c.ScopeId);
                json.WriteEndObject();
                json.WriteEndObject();
                break;

            // Unscoped: the "scope" key is left out, as keystoneauth does.
        }
    }

    private static void WriteDomain(Utf8JsonWriter json, string? id, string? name)
    {
        json.WriteStartObject("domain");
        if (id is not null)
        {
            json.WriteString("id", id);
        }
        else
        {
            json.WriteString("name", name);
        }

        json.WriteEndObject();
    }
}
