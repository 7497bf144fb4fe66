using System.Collections.Generic;
using System.Linq;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Emits a resource's System.Text.Json context and the Refit settings bound to it.</summary>
internal static class ContextEmitter
{
    /// <summary>The resource's System.Text.Json context: metadata for every type its client sends or receives.</summary>
    public static string JsonContext(GeneratorOptions o, BoundResource b)
    {
        var s = b.Service;
        var w = ModelEmitter.Begin(Names.Namespace(o, s), ModelEmitter.SpecName(b.Resource));
        var name = Names.JsonContext(s, b.Resource);
        w.Summary("System.Text.Json metadata for every type " + Names.ClientClass(b.Resource) + " sends or receives: no reflection, trim and AOT safe.");
        w.Line("[" + Names.Json + ".JsonSourceGenerationOptions(Converters = new[] { typeof(global::OpenStack.Json.OpenStackDateTimeOffsetConverter) })]");
        foreach (var (type, infoName) in Roots(o, b))
            w.Line("[" + Names.Json + ".JsonSerializable(typeof(" + type + ")" + (infoName is null ? "" : ", TypeInfoPropertyName = " + CodeWriter.Literal(infoName)) + ")]");
        w.Line("public partial class " + name + " : " + Names.Json + ".JsonSerializerContext");
        w.Line("{");
        w.Line("}");
        w.Line();
        // Apart from the context, so that reaching the context (Default) does not also build Refit's settings.
        w.Summary("Refit settings bound to " + name + ".");
        w.Open("internal static class " + name + "Refit");
        w.Summary("The shared settings.");
        w.Line("public static global::Refit.RefitSettings Settings { get; } = global::OpenStack.Http.OpenStackRefitSettings.Create(" + name + ".Default);");
        w.Close();
        return w.ToString();
    }

    private static IEnumerable<(string Type, string? InfoName)> Roots(GeneratorOptions o, BoundResource b)
    {
        yield return (Names.Nodes + ".JsonNode", null);
        yield return (Names.Nodes + ".JsonObject", null);
        yield return (Names.Nodes + ".JsonArray", null);
        yield return ("global::System.Text.Json.JsonElement", null);
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
        foreach (var t in types) yield return (ns + t, Names.TypeInfoName(b.Service, b.Resource, t));
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
                if (seen.Add(t)) yield return (t, Names.TypeInfoName(b.Service, b.Resource, name));
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
