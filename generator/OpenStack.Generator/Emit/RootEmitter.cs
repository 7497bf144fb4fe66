using System.Collections.Generic;
using System.Linq;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Emits what spans resources: one class and one JSON context per service, the entry client.</summary>
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
            w.Line("    => global::System.Threading.LazyInitializer.EnsureInitialized(ref " + field + ", () => new " + cls + "(CreateServiceHttpClient(" + cls + ".Descriptor)" + versions + "))!;");
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

    /// <summary>The service's System.Text.Json context: metadata for every type its clients send or receive.</summary>
    public static string JsonContext(GeneratorOptions o, ServiceModel s, IReadOnlyList<BoundResource> resources)
    {
        var w = ModelEmitter.Begin(Names.Namespace(o, s), "specs/" + s.Folder + "/");
        var name = Names.JsonContext(s);
        w.Summary("System.Text.Json metadata for every type the " + (s.Title ?? s.Type + " " + s.Version) + " clients send or receive: no reflection, trim and AOT safe.");
        w.Line("[" + Names.Json + ".JsonSourceGenerationOptions(Converters = new[] { typeof(global::OpenStack.Json.OpenStackDateTimeOffsetConverter) })]");
        foreach (var (type, infoName) in Roots(o, resources))
            w.Line("[" + Names.Json + ".JsonSerializable(typeof(" + type + ")" + (infoName is null ? "" : ", TypeInfoPropertyName = " + CodeWriter.Literal(infoName)) + ")]");
        w.Line("public partial class " + name + " : " + Names.Json + ".JsonSerializerContext");
        w.Line("{");
        w.Line("}");
        w.Line();
        // Apart from the context, so that reaching the context (Default) does not also build Refit's settings.
        w.Summary("Refit settings bound to " + name + ", shared by the service's generated clients.");
        w.Open("internal static class " + name + "Refit");
        w.Summary("The shared settings.");
        w.Line("public static global::Refit.RefitSettings Settings { get; } = global::OpenStack.Http.OpenStackRefitSettings.Create(" + name + ".Default);");
        w.Close();
        return w.ToString();
    }

    private static IEnumerable<(string Type, string? InfoName)> Roots(GeneratorOptions o, IReadOnlyList<BoundResource> resources)
    {
        yield return (Names.Nodes + ".JsonNode", null);
        yield return (Names.Nodes + ".JsonObject", null);
        yield return (Names.Nodes + ".JsonArray", null);
        yield return ("global::System.Text.Json.JsonElement", null);
        foreach (var b in resources.OrderBy(x => x.Resource.Name, System.StringComparer.Ordinal))
        {
            var r = b.Resource;
            var ns = "global::" + Names.Namespace(o, b.Service) + ".";
            var types = new List<string> { r.Name };
            if (r.List is not null) types.Add(Names.ListPage(r));
            if (r.ItemEnvelope is not null) types.Add(Names.ItemEnvelope(r));
            if (r.Create is not null) types.Add(r.ItemEnvelope is null ? Names.CreateOptions(r) : Names.CreateRequest(r));
            if (r.Update is not null)
            {
                // json-patch options are turned into nodes through this context, so they need metadata too.
                types.Add(Names.UpdateOptions(r));
                if (r.Update.Style != "json-patch" && r.ItemEnvelope is not null) types.Add(Names.UpdateRequest(r));
            }
            foreach (var a in r.Actions.Where(a => a.RequestBody == "json"))
                types.Add(a.RequestEnvelope is null ? Names.ActionRequest(r, a) : Names.ActionEnvelope(r, a));
            foreach (var a in r.Actions.Where(a => a.ResponseBody == "json" && a.ResponseEnvelope is not null))
                types.Add(Names.ActionResponseEnvelope(r, a));
            if (r.List is not null && r.ListItemEnvelope is not null) types.Add(Names.ListItem(r));
            types.AddRange(r.NestedTypes.Select(t => t.CsName));
            types.AddRange(r.Enums.Select(e => e.CsName));
            foreach (var t in types) yield return (ns + t, Names.TypeInfoName(b.Service, t));
            // Lists, maps and nullables of generated types get metadata too, named as System.Text.Json would name them.
            var wrappers = new List<(TypeRef Type, bool Mutable)>();
            if (r.List is not null) wrappers.Add((new TypeRef(FieldKind.Array, Element: new TypeRef(FieldKind.Object, r.ListItemEnvelope is null ? r.Name : Names.ListItem(r))), false));
            wrappers.AddRange(r.Fields.Select(f => (f.Type, false)));
            wrappers.AddRange(r.NestedTypes.SelectMany(t => t.Fields).Select(f => (f.Type, true)));
            if (r.Create is not null) wrappers.AddRange(r.Create.Fields.Select(f => (f.Type, true)));
            if (r.Update is not null) wrappers.AddRange(r.Update.Fields.Select(f => (f.Type, true)));
            wrappers.AddRange(r.Actions.SelectMany(a => a.RequestFields).Select(f => (f.Type, true)));
            wrappers.AddRange(r.Actions.Where(a => a.ResponseType is not null).Select(a => (a.ResponseType!, false)));
            var seen = new HashSet<string>();
            foreach (var (type, mutable) in wrappers)
                foreach (var (t, name) in Wrappers(type, mutable, ns))
                    if (seen.Add(t)) yield return (t, Names.TypeInfoName(b.Service, name));
        }
    }

    /// <summary>The generic or nullable types over generated types that a field's type contains, fully qualified.</summary>
    private static IEnumerable<(string Type, string Name)> Wrappers(TypeRef type, bool mutable, string ns)
    {
        switch (type.Kind)
        {
            case FieldKind.Enum:
                yield return (ns + type.Name + "?", "Nullable" + type.Name);
                break;
            case FieldKind.Array:
            case FieldKind.Map:
                if (Qualified(type, mutable, ns) is not { } self) yield break;
                yield return self;
                foreach (var inner in Wrappers(type.Element!, mutable, ns)) yield return inner;
                break;
        }
    }

    /// <summary>A type that involves a generated type, fully qualified, with the name System.Text.Json would give it; else null.</summary>
    private static (string Type, string Name)? Qualified(TypeRef type, bool mutable, string ns)
    {
        switch (type.Kind)
        {
            case FieldKind.Enum:
            case FieldKind.Object:
                return (ns + type.Name, type.Name!);
            case FieldKind.Array:
            case FieldKind.Map:
                if (Qualified(type.Element!, mutable, ns) is not { } element) return null;
                var generic = type.Kind == FieldKind.Array
                    ? (mutable ? "IList" : "IReadOnlyList")
                    : (mutable ? "IDictionary" : "IReadOnlyDictionary");
                return ("global::System.Collections.Generic." + generic + (type.Kind == FieldKind.Map ? "<string, " : "<") + element.Type + ">",
                    generic + (type.Kind == FieldKind.Map ? "String" : "") + element.Name);
            default:
                return null;
        }
    }
}
