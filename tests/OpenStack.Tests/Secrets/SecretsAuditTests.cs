using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OpenStack.Tests.Diagnostics;
using OpenStack.Tests.Transport;
using Xunit;

namespace OpenStack.Tests.Secrets;

/// <summary>
/// Secrets never print: every type of the SDK, public or internal, that can hold a password, token,
/// secret, passcode or key (a string property with any setter or a constructor-filled auto-property,
/// or a constructor parameter, so named) is given recognisable values and its ToString() is searched
/// for them; tokens are searched for in the errors a rejected request produces. Records print every
/// property by default, so a type that forgets to override ToString() fails here rather than in
/// someone's log. Internal types count: the SDK's own messages and debuggers print them too.
/// </summary>
public sealed class SecretsAuditTests
{
    private static readonly Regex SecretName = new("password|token|secret|passcode|key", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Properties whose names match <see cref="SecretName"/> but hold no secret, and why; a bare name
    /// applies to every type, <c>Type.Property</c> to one.
    /// </summary>
    private static readonly Dictionary<string, string> NotSecrets = new(StringComparer.Ordinal)
    {
        ["ClientKeyFile"] = "the path of a key file; the key itself is never held in a property",
        ["SortKey"] = "the name of the attribute a list is sorted by (image list sort_key)",
        ["PasswordExpiresAt"] = "a timestamp (user list filter and user attribute), not the password",
        ["ConfigEntry.Key"] = "the name of a clouds.yaml key, not a key",
        ["KeyName"] = "the name of a Nova keypair (server key_name), not the key",
        ["PublicKey"] = "an SSH public key: public by definition (the keypair's private_key is the secret one)",
    };

    /// <summary>Secrets held under names <see cref="SecretName"/> cannot recognise.</summary>
    private static readonly HashSet<string> AlsoSecrets = new(StringComparer.Ordinal)
    {
        "AuthToken.Value",
    };

    private static readonly Assembly[] SdkAssemblies = [typeof(OpenStackConnection).Assembly, typeof(OpenStackClient).Assembly];

    public static TheoryData<string> TypesHoldingSecrets()
    {
        var data = new TheoryData<string>();
        foreach (Type type in SdkAssemblies.SelectMany(a => a.GetTypes()).Where(t => SecretProperties(t).Any()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    public void The_audit_finds_the_known_secret_carriers()
    {
        var found = SdkAssemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => SecretProperties(t).Select(p => t.Name + "." + p.Name))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>
            {
                "AuthToken.Value",
                "OpenStackClientOptions.Password",
                "OpenStackClientOptions.Token",
                "OpenStackClientOptions.ApplicationCredentialSecret",
                "OpenStackClientOptions.Passcode",
                "UserCreateOptions.Password",
                "UserUpdateOptions.Password",
            },
            found);
    }

    [SkippableTheory]
    [MemberData(nameof(TypesHoldingSecrets))]
    public void ToString_never_contains_a_secret_property_value(string assemblyQualifiedName)
    {
        Type type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        object instance = CreateInstance(type);
        var secrets = new List<string>();
        foreach (PropertyInfo property in SecretProperties(type))
        {
            string secret = $"s3cr3t-{type.Name}.{property.Name}-value";
            SetSecret(instance, property, secret);
            secrets.Add(secret);
        }

        string text;
        try
        {
            text = instance.ToString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentException)
        {
            // A synthetic instance may miss state its constructor would have set; that is no leak.
            throw new SkipException($"{type.FullName}.ToString() needs state the audit cannot supply: {ex.GetType().Name}");
        }

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    public static TheoryData<string> TypesTakingSecretsInConstructors()
    {
        var data = new TheoryData<string>();
        foreach (Type type in SdkAssemblies.SelectMany(a => a.GetTypes()).Where(t => SecretConstructors(t).Any()).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(TypesTakingSecretsInConstructors))]
    public void ToString_never_contains_a_secret_given_to_a_constructor(string assemblyQualifiedName)
    {
        Type type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        int checkedConstructors = 0;
        foreach (ConstructorInfo constructor in SecretConstructors(type))
        {
            object?[] arguments = constructor.GetParameters()
                .Select(p => IsSecretParameter(type, p) ? $"s3cr3t-{type.Name}({p.Name})-value" : Placeholder(p))
                .ToArray();
            object instance;
            try
            {
                instance = constructor.Invoke(arguments);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            string text = instance.ToString() ?? string.Empty;

            Assert.All(
                arguments.OfType<string>().Where(a => a.StartsWith("s3cr3t-", StringComparison.Ordinal)),
                secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            checkedConstructors++;
        }

        Skip.If(checkedConstructors == 0, $"no constructor of {type.FullName} accepts the audit's placeholder arguments");
    }

    [Fact]
    public async Task A_401_to_a_request_carrying_a_token_does_not_quote_the_token()
    {
        const string Token = "tok-SECRET";
        await using LoopbackServer server = LoopbackServer.Http(request => KeystoneWire.IsTokenRequest(request)
            ? KeystoneWire.TokenIssued(Token)
            : WireResponse.Json(
                401,
                """{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}""",
                ("X-Openstack-Request-Id", "req-401")));
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(KeystoneWire.Options(server.BaseAddress));
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("v2/images", UriKind.Relative)));

        Assert.Equal(401, error.Status);
        Assert.All(server.Requests.Where(r => r.Method == "GET"), r => Assert.Equal(Token, r.Header("X-Auth-Token")));
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_that_quotes_the_token_does_not_carry_it_into_the_exception()
    {
        // Keystone answers a token validation for an unknown token with "Could not find token: <token>".
        const string Token = "tok-SECRET-echoed";
        await using LoopbackServer server = LoopbackServer.Http(request => KeystoneWire.IsTokenRequest(request)
            ? KeystoneWire.TokenIssued(Token)
            : WireResponse.Json(
                404,
                $$$"""{"error": {"code": 404, "message": "Could not find token: {{{request.Header("X-Subject-Token")}}}.", "title": "Not Found"}}"""));
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(KeystoneWire.Options(server.BaseAddress));
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);
        using var validation = new HttpRequestMessage(HttpMethod.Get, new Uri("v3/auth/tokens", UriKind.Relative));
        validation.Headers.Add("X-Subject-Token", Token);

        var error = await Assert.ThrowsAsync<OpenStackException>(() => http.SendAsync(validation));

        Assert.Equal(404, error.Status);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ServerMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ResponseBody ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issued_token_never_prints_its_value()
    {
        const string Token = "tok-SECRET-issued-by-keystone";
        await using LoopbackServer server = LoopbackServer.Http(request => KeystoneWire.IsTokenRequest(request)
            ? KeystoneWire.TokenIssued(Token)
            : WireResponse.Json(200, "{}"));

        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(KeystoneWire.Options(server.BaseAddress));

        Assert.Equal(Token, connection.Token.Value);
        Assert.DoesNotContain(Token, connection.Token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_logs_and_traces_never_contain_a_secret()
    {
        // Everything logging can see, with headers and bodies on: the password in the Keystone request,
        // the issued token in X-Subject-Token and in every X-Auth-Token, a temp-URL signature and key,
        // application-credential secrets sent and returned, and an error body that quotes the token.
        const string Password = "pw-SECRET-logged?";
        const string Token = "tok-SECRET-for-logs";
        string[] secrets = [Password, Token, "SIG-SECRET", "TEMPKEY-SECRET", "ac-SECRET-sent", "ac-SECRET-returned"];
        await using LoopbackServer server = LoopbackServer.Http(request => request switch
        {
            _ when KeystoneWire.IsTokenRequest(request) => KeystoneWire.TokenIssued(Token),
            { Method: "POST" } => WireResponse.Json(201, """{"application_credential": {"id": "ac-1", "secret": "ac-SECRET-returned"}}"""),
            _ when request.Target.Contains("missing", StringComparison.Ordinal) =>
                WireResponse.Json(404, $$$"""{"error": {"code": 404, "message": "Could not find token: {{{Token}}}."}}"""),
            _ => WireResponse.Json(200, "{}"),
        });
        var logs = new ListLoggerFactory();
        var tags = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenStack.Diagnostics.OpenStackDiagnostics.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("server.port") is int port && port == server.BaseAddress.Port)
                    tags.Enqueue(string.Join(" ", a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " + a.DisplayName);
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        OpenStackClientOptions options = KeystoneWire.Options(server.BaseAddress);
        options.Password = Password;
        options.LoggerFactory = logs;
        options.LogHttpContent = true;
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(options);
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);

        (await http.GetAsync(new Uri("v1/AUTH_p/c/o?temp_url_sig=SIG-SECRET&temp_url_expires=1", UriKind.Relative))).Dispose();
        using (var setKey = new HttpRequestMessage(HttpMethod.Get, new Uri("v1/AUTH_p/c", UriKind.Relative)))
        {
            setKey.Headers.Add("X-Container-Meta-Temp-URL-Key", "TEMPKEY-SECRET");
            (await http.SendAsync(setKey)).Dispose();
        }

        using (var create = new StringContent("""{"application_credential": {"name": "ci", "secret": "ac-SECRET-sent"}}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync(new Uri("v3/users/u/application_credentials", UriKind.Relative), create)).Dispose();
        }

        await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("v3/missing", UriKind.Relative)));

        string logged = logs.AllText + "\n" + string.Join("\n", tags);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, logged, StringComparison.Ordinal));
        // What was masked is still named, so the log stays useful.
        Assert.Contains("temp_url_sig=***&temp_url_expires=1", logged, StringComparison.Ordinal);
        Assert.Contains("X-Container-Meta-Temp-URL-Key: ***", logged, StringComparison.Ordinal);
        Assert.Contains("X-Auth-Token: ***", logged, StringComparison.Ordinal);
        Assert.Contains("Could not find token: ***.", logged, StringComparison.Ordinal);
        Assert.Contains("\"secret\": \"***\"", logged, StringComparison.Ordinal);
        Assert.Equal(5, tags.Count);
    }

    [Fact]
    public async Task A_failed_temp_URL_request_does_not_quote_the_signature()
    {
        await using LoopbackServer server = LoopbackServer.Http(request => KeystoneWire.IsTokenRequest(request)
            ? KeystoneWire.TokenIssued("tok")
            : WireResponse.Json(403, """{"error": {"code": 403, "message": "Temp URL invalid"}}"""));
        using OpenStackConnection connection = await OpenStackConnection.ConnectAsync(KeystoneWire.Options(server.BaseAddress));
        using HttpClient http = connection.CreateHttpClient(server.BaseAddress);

        var error = await Assert.ThrowsAsync<OpenStackException>(() => http.GetAsync(new Uri("v1/AUTH_p/c/o?temp_url_sig=SIG-SECRET-in-url&temp_url_expires=1", UriKind.Relative)));

        Assert.DoesNotContain("SIG-SECRET-in-url", error.Message, StringComparison.Ordinal);
        Assert.Contains("temp_url_sig=***&temp_url_expires=1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no auth url")]
    [InlineData("user without domain")]
    [InlineData("missing CA bundle")]
    public async Task Configuration_errors_never_quote_the_password(string mistake)
    {
        const string Password = "pw-SECRET-in-config";
        var options = new OpenStackClientOptions
        {
            AuthUrl = mistake == "no auth url" ? null : new Uri("http://127.0.0.1:1/v3"),
            Username = "demo",
            UserDomainName = mistake == "user without domain" ? null : "Default",
            Password = Password,
            CaCertificateFile = mistake == "missing CA bundle" ? "/nonexistent/ca-bundle.pem" : null,
        };

        var error = await Assert.ThrowsAsync<OpenStackConfigurationException>(() => OpenStackConnection.ConnectAsync(options));

        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<PropertyInfo> SecretProperties(Type type)
    {
        if (type.IsInterface || type.IsAbstract || type.ContainsGenericParameters || type.Name.Contains('<', StringComparison.Ordinal)
            || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
        {
            return [];
        }

        return type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(string)
                && p.GetIndexParameters().Length == 0
                && (p.SetMethod is not null || BackingField(p) is not null)
                && (SecretName.IsMatch(p.Name) || AlsoSecrets.Contains(type.Name + "." + p.Name))
                && !NotSecrets.ContainsKey(p.Name)
                && !NotSecrets.ContainsKey(type.Name + "." + p.Name));
    }

    private static IEnumerable<ConstructorInfo> SecretConstructors(Type type)
    {
        if (type.IsInterface || type.IsAbstract || type.ContainsGenericParameters || type.Name.Contains('<', StringComparison.Ordinal)
            || typeof(Exception).IsAssignableFrom(type))
        {
            return [];
        }

        return type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => !c.IsPrivate && c.GetParameters().Any(p => IsSecretParameter(type, p)));
    }

    // Constructor parameters are matched like properties; AuthToken's "value" is the token itself.
    private static bool IsSecretParameter(Type type, ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string)
        && parameter.Name is string name
        && (SecretName.IsMatch(name) || AlsoSecrets.Contains(type.Name + "." + char.ToUpperInvariant(name[0]) + name[1..]))
        && !NotSecrets.ContainsKey(char.ToUpperInvariant(name[0]) + name[1..]);

    // Settable includes private and init-only setters, and get-only auto-properties a constructor
    // fills: their values print just the same.
    private static void SetSecret(object instance, PropertyInfo property, string value)
    {
        if (property.SetMethod is not null)
        {
            property.SetValue(instance, value);
        }
        else
        {
            BackingField(property)!.SetValue(instance, value);
        }
    }

    private static FieldInfo? BackingField(PropertyInfo property) =>
        property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);

    // A parameterless constructor when there is one; otherwise the shortest constructor with
    // placeholder arguments; a record with required constructor checks is built without running one.
    private static object CreateInstance(Type type)
    {
        if (type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is ConstructorInfo empty)
        {
            return empty.Invoke(null);
        }

        ConstructorInfo? shortest = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => !c.GetParameters().Any(p => p.ParameterType == type))
            .OrderBy(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (shortest is not null)
        {
            try
            {
                return shortest.Invoke(shortest.GetParameters().Select(Placeholder).ToArray());
            }
            catch (TargetInvocationException)
            {
                // Falls through to an instance no constructor has checked.
            }
        }

        return RuntimeHelpers.GetUninitializedObject(type);
    }

    // Non-null where it can be: constructors check their arguments (ServiceCatalog.Empty, empty lists).
    private static object? Placeholder(ParameterInfo parameter)
    {
        Type type = parameter.ParameterType;
        if (type == typeof(string))
        {
            return "placeholder";
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.GetProperty("Empty", BindingFlags.Public | BindingFlags.Static) is { } empty && empty.PropertyType == type)
        {
            return empty.GetValue(null);
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var generic
            && (generic == typeof(IReadOnlyList<>) || generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyCollection<>))))
        {
            return Array.CreateInstance(type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0], 0);
        }

        return type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
    }
}
