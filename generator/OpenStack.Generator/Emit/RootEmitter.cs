using System.Collections.Generic;
using System.Linq;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Emits what spans resources: one class per service, the entry client.</summary>
internal static class RootEmitter
{
    public static string Service(GeneratorOptions o, ServiceModel s, IReadOnlyList<ResourceModel> resources)
    {
        var w = ModelEmitter.Begin(Names.Namespace(o, s), "specs/" + s.Folder + "/service.yaml");
        var name = Names.ServiceClass(s);
        w.Summary((s.Title ?? s.Type + " " + s.Version) + ": one client per resource, all sharing one HttpClient.");
        w.Open("public partial class " + name);
        w.Summary("How this service is found in the catalog: type, aliases and version path segment.");
        var aliases = s.Aliases.Count == 0 ? "global::System.Array.Empty<string>()"
            : "new[] { " + string.Join(", ", s.Aliases.Select(CodeWriter.Literal)) + " }";
        var m = s.Microversion;
        if (m is null && s.VersionInPath)
            w.Line("public static global::OpenStack.ServiceDescriptor Descriptor { get; } = new(" + CodeWriter.Literal(s.Type) + ", " + aliases + ", " + CodeWriter.Literal(s.Version) + ");");
        else
        {
            w.Line("public static global::OpenStack.ServiceDescriptor Descriptor { get; } = new(" + CodeWriter.Literal(s.Type) + ", " + aliases + ", " + CodeWriter.Literal(s.Version) + ")");
            w.Line("{");
            if (m is not null)
            {
                var max = m.Max.Split('.');
                w.Line("    Microversions = new(" + CodeWriter.Literal(m.Header) + ", " + CodeWriter.Literal(m.ServiceName) + ", "
                    + (m.LegacyHeader is null ? "null" : CodeWriter.Literal(m.LegacyHeader)) + ", new global::OpenStack.Catalog.Microversion(" + max[0] + ", " + max[1] + ")),");
            }
            if (!s.VersionInPath) w.Line("    VersionInPath = false,");
            w.Line("};");
        }
        w.Line();
        w.Summary("Creates the service over an HttpClient whose BaseAddress is its versioned endpoint.");
        if (m is null)
        {
            w.Line("public " + name + "(global::System.Net.Http.HttpClient http)");
            w.Line("{");
            w.Line("    Http = http ?? throw new global::System.ArgumentNullException(nameof(http));");
            foreach (var r in resources) w.Line("    " + r.Plural + " = new " + Names.ClientClass(r) + "(http);");
            w.Line("}");
        }
        else
        {
            w.Line("/// <param name=\"http\">The service's HttpClient (it should send the microversion, see OpenStack.Http.MicroversionHandler).</param>");
            w.Line("/// <param name=\"microversions\">The negotiated microversion, used to refuse fields and actions it lacks; null skips those checks.</param>");
            w.Line("public " + name + "(global::System.Net.Http.HttpClient http, global::OpenStack.Catalog.MicroversionNegotiator? microversions = null)");
            w.Line("{");
            w.Line("    Http = http ?? throw new global::System.ArgumentNullException(nameof(http));");
            w.Line("    Microversions = microversions;");
            foreach (var r in resources) w.Line("    " + r.Plural + " = new " + Names.ClientClass(r) + "(http, microversions);");
            w.Line("}");
        }
        w.Line();
        w.Summary("For mocking frameworks only.");
        w.Line("protected " + name + "()");
        w.Line("{");
        w.Line("    Http = null!;");
        foreach (var r in resources) w.Line("    " + r.Plural + " = null!;");
        w.Line("}");
        w.Line();
        w.Summary("The HttpClient every resource client of this service uses.");
        w.Line("public global::System.Net.Http.HttpClient Http { get; }");
        if (m is not null)
        {
            w.Line();
            w.Summary("The microversion this service is spoken to with (pinned or negotiated on first use), or null when not tracked.");
            w.Line("public global::OpenStack.Catalog.MicroversionNegotiator? Microversions { get; }");
        }
        foreach (var r in resources)
        {
            w.Line();
            w.Summary(r.Description is null ? r.Plural + "." : r.Plural + ": " + r.Description);
            w.Line("public virtual " + Names.ClientClass(r) + " " + r.Plural + " { get; }");
        }
        w.Close();
        return w.ToString();
    }

    public static string EntryClient(GeneratorOptions o, IReadOnlyList<ServiceModel> services)
    {
        var w = ModelEmitter.Begin(o.RootNamespace, "specs/*/*/service.yaml");
        w.Summary("One property per service described in specs/; each is created on first use from the catalog.");
        w.Open("public partial class " + o.ClientName);
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            if (i > 0) w.Line();
            var cls = "global::" + Names.Namespace(o, s) + "." + Names.ServiceClass(s);
            var field = "_" + char.ToLowerInvariant(s.ClientProperty[0]) + s.ClientProperty.Substring(1);
            w.Line("private " + cls + "? " + field + ";");
            w.Line();
            w.Summary((s.Title ?? s.Type + " " + s.Version) + ".");
            w.Line("public virtual " + cls + " " + s.ClientProperty);
            var versions = s.Microversion is null ? "" : ", CreateMicroversionNegotiator(" + cls + ".Descriptor)";
            // The field is read first: the factory lambda captures this, so reaching EnsureInitialized would allocate a
            // delegate on every access (cloud.Compute.Servers.GetAsync in a loop), not only on the first.
            w.Line("    => " + field + " ?? global::System.Threading.LazyInitializer.EnsureInitialized(ref " + field + ", () => new " + cls + "(CreateServiceHttpClient(" + cls + ".Descriptor)" + versions + "))!;");
        }
        w.Close();
        return w.ToString();
    }

    /// <summary>
    /// Consumer mode (a project using the OpenStack.Sdk package): a partial class cannot span assemblies, so each service
    /// is an extension method on OpenStack.OpenStackClient, cached per client by OpenStackClient.GetOrCreateService.
    /// A name the SDK's client already has as a property (an overlay of a built-in service) gets the suffix "Extended".
    /// </summary>
    public static string EntryExtensions(GeneratorOptions o, IReadOnlyList<ServiceModel> services, IReadOnlyCollection<string> sdkClientProperties)
    {
        var w = ModelEmitter.Begin(o.RootNamespace, "specs/*/*/service.yaml");
        w.Summary("One extension method per service of this project's specs; each service is created on first use from the catalog and cached by the client.");
        w.Open("public static partial class " + o.ClientName + "Extensions");
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            if (i > 0) w.Line();
            var cls = "global::" + Names.Namespace(o, s) + "." + Names.ServiceClass(s);
            var method = sdkClientProperties.Contains(s.ClientProperty) ? s.ClientProperty + "Extended" : s.ClientProperty;
            w.Summary((s.Title ?? s.Type + " " + s.Version) + ", as this project's specs describe it.");
            w.Line("public static " + cls + " " + method + "(this global::OpenStack.OpenStackClient client)");
            w.Line("{");
            w.Line("    if (client is null) throw new global::System.ArgumentNullException(nameof(client));");
            // A service with microversions also gets the negotiator, so its fields and actions are checked against the version.
            w.Line(s.Microversion is null
                ? "    return client.GetOrCreateService(" + cls + ".Descriptor, static http => new " + cls + "(http));"
                : "    return client.GetOrCreateService(" + cls + ".Descriptor, static (http, versions) => new " + cls + "(http, versions));");
            w.Line("}");
        }
        w.Close();
        return w.ToString();
    }
}
