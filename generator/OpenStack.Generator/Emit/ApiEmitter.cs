using System.Collections.Generic;
using System.Linq;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Emit;

/// <summary>Emits the Refit interface of a resource and the client class users call.</summary>
internal static class ApiEmitter
{
    private const string Async = "Async";

    public static string RefitInterface(GeneratorOptions o, BoundResource b)
    {
        var r = b.Resource;
        var w = ModelEmitter.Begin(Names.Namespace(o, b.Service), ModelEmitter.SpecName(r));
        w.Summary("The HTTP operations on " + r.Plural + ", described for Refit (which implements this interface at build time).",
            "Paths are relative to the service's versioned endpoint. Most callers want " + Names.ClientClass(r) + ", which adds paging, envelopes and typed errors.");
        w.Open("public partial interface " + Names.ApiInterface(r));
        var idParams = ItemParams(r);
        if (r.List is not null)
        {
            Doc(w, r.List.Description ?? "Lists " + r.Plural + " (one page).");
            w.Line("[" + Names.Refit + ".Get(" + Route(r.CollectionPath) + ")]");
            w.Line(Names.Tasks + ".Task<" + Names.ListPage(r) + "> List" + Async + "([" + Names.Refit + ".Query, " + Names.Refit + ".QueryConverter(typeof(" + Names.ListOptions(r) + "Query))] " + Names.ListOptions(r) + "? options, " + CtParam() + ");");
            w.Line();
        }
        if (r.Get is not null)
        {
            Doc(w, r.Get.Description ?? "Gets one " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Get(" + Route(r.ItemPath) + ")]");
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Get" + Async + "(" + Params(idParams, CtParam()) + ");");
            w.Line();
        }
        if (r.Create is not null)
        {
            Doc(w, r.Create.Description ?? "Creates " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Post(" + Route(r.CollectionPath) + ")]");
            var body = r.ItemEnvelope is null ? Names.CreateOptions(r) : Names.CreateRequest(r);
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Create" + Async + "([" + Names.Refit + ".Body] " + body + " body, " + CtParam() + ");");
            w.Line();
        }
        if (r.Update is not null)
        {
            var u = r.Update;
            Doc(w, u.Description ?? "Updates " + r.Name + ".");
            w.Line("[" + Names.Refit + "." + (u.Style == "put" ? "Put" : "Patch") + "(" + Route(r.ItemPath) + ")]");
            if (u.ContentType is not null) w.Line("[" + Names.Refit + ".Headers(" + CodeWriter.Literal("Content-Type: " + u.ContentType) + ")]");
            var body = u.Style == "json-patch" ? Names.Nodes + ".JsonArray"
                : r.ItemEnvelope is null ? Names.UpdateOptions(r) : Names.UpdateRequest(r);
            w.Line(Names.Tasks + ".Task<" + ItemWire(r) + "> Update" + Async + "(" + Params(idParams, "[" + Names.Refit + ".Body] " + body + " body", CtParam()) + ");");
            w.Line();
        }
        if (r.Delete is not null)
        {
            Doc(w, r.Delete.Description ?? "Deletes " + r.Name + ".");
            w.Line("[" + Names.Refit + ".Delete(" + Route(r.ItemPath) + ")]");
            w.Line(Names.Tasks + ".Task Delete" + Async + "(" + Params(idParams, CtParam()) + ");");
            w.Line();
        }
        foreach (var a in r.Actions)
        {
            Doc(w, a.Description ?? "The " + a.Name + " action.");
            w.Line("[" + Names.Refit + "." + Pascal(a.Method) + "(" + Route(a.Path) + ")]");
            var ps = PathParams(a.PathParams);
            switch (a.RequestBody)
            {
                case "stream":
                    ps.Add("[" + Names.Refit + ".Body] global::System.Net.Http.HttpContent content");
                    break;
                case "json":
                    ps.Add("[" + Names.Refit + ".Body] " + (a.RequestEnvelope is null ? Names.ActionRequest(r, a) : Names.ActionEnvelope(r, a)) + " body");
                    break;
            }
            ps.Add(CtParam());
            w.Line(ActionWireReturn(r, a) + " " + a.CsName + Async + "(" + string.Join(", ", ps) + ");");
            w.Line();
        }
        w.Close();
        return w.ToString();
    }

    public static string Client(GeneratorOptions o, BoundResource b)
    {
        var r = b.Resource;
        var s = b.Service;
        var w = ModelEmitter.Begin(Names.Namespace(o, s), ModelEmitter.SpecName(r));
        var name = Names.ClientClass(r);
        var api = Names.ApiInterface(r);
        var context = ModelEmitter.ContextRef(o);
        w.Summary("Operations on " + r.Plural + " of the " + (s.Title ?? s.Type + " " + s.Version) + " API.",
            "Thread-safe; share one instance. Failures throw OpenStackException with the status, request id and the server's message. Members are virtual so tests can mock them.");
        w.Open("public partial class " + name);
        w.Line("private readonly " + api + " _api;");
        w.Line("private readonly global::System.Net.Http.HttpClient _http;");
        w.Line();
        w.Summary("Creates the client over an HttpClient whose BaseAddress is the service's versioned endpoint (ending in '/').");
        w.Line("public " + name + "(global::System.Net.Http.HttpClient http)");
        w.Line("{");
        w.Line("    _http = http ?? throw new global::System.ArgumentNullException(nameof(http));");
        w.Line("    _api = " + Names.Refit + ".RestService.ForGenerated<" + api + ">(http, global::" + o.RootNamespace + "." + o.ContextName + "Refit.Settings);");
        w.Line("}");
        w.Line();
        w.Summary("For mocking frameworks only.");
        w.Line("protected " + name + "()");
        w.Line("{");
        w.Line("    _http = null!;");
        w.Line("    _api = null!;");
        w.Line("}");
        w.Line();
        w.Summary("The raw Refit interface, for calls this client does not wrap.");
        w.Line("public virtual " + api + " Api => _api;");
        w.Line();
        var idParams = ItemParams(r);
        var idArgs = Args(idParams);
        if (r.List is not null) EmitList(w, r, context, s);
        if (r.Get is not null)
        {
            Doc(w, r.Get.Description ?? "Gets one " + r.Name + ".", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Get" + Async + "(" + ClientParams(idParams, CtParam() + " = default") + ")");
            w.Line("{");
            w.Line("    var response = await global::OpenStack.Http.RefitCall.Run(_api.Get" + Async + "(" + Join(idArgs, "cancellationToken") + ")).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Create is not null)
        {
            Doc(w, r.Create.Description ?? "Creates " + r.Name + ".", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Create" + Async + "(" + Names.CreateOptions(r) + " options, " + CtParam() + " = default)");
            w.Line("{");
            w.Line("    if (options is null) throw new global::System.ArgumentNullException(nameof(options));");
            var body = r.ItemEnvelope is null ? "options" : "new " + Names.CreateRequest(r) + " { Item = options }";
            w.Line("    var response = await global::OpenStack.Http.RefitCall.Run(_api.Create" + Async + "(" + body + ", cancellationToken)).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Update is not null)
        {
            var u = r.Update;
            Doc(w, u.Description ?? "Updates " + r.Name + "; only the properties set in options change.", throws: true);
            w.Line("public virtual async " + Names.Tasks + ".Task<" + r.Name + "> Update" + Async + "(" + ClientParams(idParams, Names.UpdateOptions(r) + " options", CtParam() + " = default") + ")");
            w.Line("{");
            w.Line("    if (options is null) throw new global::System.ArgumentNullException(nameof(options));");
            var body = u.Style == "json-patch" ? "options.ToJsonPatch()"
                : r.ItemEnvelope is null ? "options" : "new " + Names.UpdateRequest(r) + " { Item = options }";
            w.Line("    var response = await global::OpenStack.Http.RefitCall.Run(_api.Update" + Async + "(" + Join(idArgs, body, "cancellationToken") + ")).ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
            w.Line("}");
            w.Line();
        }
        if (r.Delete is not null)
        {
            Doc(w, r.Delete.Description ?? "Deletes " + r.Name + ".", throws: true);
            w.Line("public virtual " + Names.Tasks + ".Task Delete" + Async + "(" + ClientParams(idParams, CtParam() + " = default") + ")");
            w.Line("    => global::OpenStack.Http.RefitCall.Run(_api.Delete" + Async + "(" + Join(idArgs, "cancellationToken") + "));");
            w.Line();
        }
        foreach (var a in r.Actions) EmitAction(w, r, a);
        w.Close();
        return w.ToString();
    }

    private static void EmitList(CodeWriter w, ResourceModel r, string context, ServiceModel s)
    {
        Doc(w, (r.List!.Description ?? "Lists " + r.Plural + ".") + " Pages are fetched lazily as the sequence is enumerated.", throws: false);
        w.Line("public virtual global::OpenStack.Paging.AsyncPageable<" + r.Name + "> List" + Async + "(" + Names.ListOptions(r) + "? options = null, " + CtParam() + " = default)");
        w.Line("{");
        var pageInfo = context + "." + Names.TypeInfoName(s, Names.ListPage(r));
        switch (r.Pagination.Kind)
        {
            case "next":
            case "links":
                w.Line("    var listUri = new global::System.Uri(_http.BaseAddress!, " + CodeWriter.Literal(r.CollectionPath) + ");");
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var page = next is null");
                w.Line("            ? await global::OpenStack.Http.RefitCall.Run(_api.List" + Async + "(options, ct)).ConfigureAwait(false)");
                w.Line("            : await global::OpenStack.Http.OpenStackHttp.GetJsonAsync(_http, global::OpenStack.Paging.PageLinks.Resolve(listUri, next), " + pageInfo + ", ct).ConfigureAwait(false);");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(page.Items ?? global::System.Array.Empty<" + r.Name + ">(), page.NextLink);");
                w.Line("    }, cancellationToken);");
                break;
            case "marker":
                var idField = r.Fields.FirstOrDefault(f => f.JsonName == "id")?.CsName ?? "Id";
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var query = next is null ? options : (options ?? new " + Names.ListOptions(r) + "()).WithMarker(next);");
                w.Line("        var page = await global::OpenStack.Http.RefitCall.Run(_api.List" + Async + "(query, ct)).ConfigureAwait(false);");
                w.Line("        var items = page.Items ?? global::System.Array.Empty<" + r.Name + ">();");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(items, items.Count == 0 ? null : items[items.Count - 1]." + idField + ");");
                w.Line("    }, cancellationToken);");
                break;
            default:
                w.Line("    return global::OpenStack.Paging.Pageable.Create<" + r.Name + ">(async (next, ct) =>");
                w.Line("    {");
                w.Line("        var page = await global::OpenStack.Http.RefitCall.Run(_api.List" + Async + "(options, ct)).ConfigureAwait(false);");
                w.Line("        return new global::OpenStack.Paging.Page<" + r.Name + ">(page.Items ?? global::System.Array.Empty<" + r.Name + ">(), null);");
                w.Line("    }, cancellationToken);");
                break;
        }
        w.Line("}");
        w.Line();
    }

    private static void EmitAction(CodeWriter w, ResourceModel r, ActionModel a)
    {
        var ps = PathParams(a.PathParams, refit: false);
        var args = a.PathParams.Select(p => Parse.Naming.Camel(p.JsonName)).ToList();
        switch (a.RequestBody)
        {
            case "stream":
                ps.Add("global::System.IO.Stream data");
                break;
            case "json":
                ps.Add(Names.ActionRequest(r, a) + " request");
                break;
        }
        ps.Add(CtParam() + " = default");
        var returns = a.ResponseBody == "resource" ? Names.Tasks + ".Task<" + r.Name + ">"
            : Names.ActionReturnsResponseObject(a) ? Names.Tasks + ".Task<" + Names.ActionResponse(r, a) + ">"
            : Names.Tasks + ".Task";
        Doc(w, (a.Description ?? "The " + a.Name + " action.") + (a.RequestBody == "stream" ? " The data is streamed, never buffered whole; the caller keeps ownership of it." : ""), throws: true);
        w.Line("public virtual async " + returns + " " + a.CsName + Async + "(" + string.Join(", ", ps) + ")");
        w.Line("{");
        switch (a.RequestBody)
        {
            case "stream":
                w.Line("    if (data is null) throw new global::System.ArgumentNullException(nameof(data));");
                w.Line("    using var content = new global::System.Net.Http.StreamContent(new global::OpenStack.Streams.NonClosingStream(data));");
                w.Line("    content.Headers.ContentType = new global::System.Net.Http.Headers.MediaTypeHeaderValue(" + CodeWriter.Literal(a.RequestContentType ?? "application/octet-stream") + ");");
                args.Add("content");
                break;
            case "json":
                w.Line("    if (request is null) throw new global::System.ArgumentNullException(nameof(request));");
                args.Add(a.RequestEnvelope is null ? "request" : "new " + Names.ActionEnvelope(r, a) + " { Item = request }");
                break;
        }
        args.Add("cancellationToken");
        var call = "global::OpenStack.Http.RefitCall.Run(_api." + a.CsName + Async + "(" + string.Join(", ", args) + "))";
        if (a.ResponseBody == "resource")
        {
            w.Line("    var response = await " + call + ".ConfigureAwait(false);");
            w.Line("    return " + Unwrap(r, "response") + ";");
        }
        else if (Names.ActionReturnsResponseObject(a))
        {
            w.Line("    var response = await " + call + ".ConfigureAwait(false);");
            w.Line("    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);");
            w.Line("    return new " + Names.ActionResponse(r, a) + "(new global::OpenStack.Http.StreamResponse(response, stream));");
        }
        else
        {
            w.Line("    await " + call + ".ConfigureAwait(false);");
        }
        w.Line("}");
        w.Line();
    }

    private static string Unwrap(ResourceModel r, string variable)
        => r.ItemEnvelope is null
            ? variable
            : variable + ".Item ?? throw new global::OpenStack.OpenStackException(" + CodeWriter.Literal("The response has no '" + r.ItemEnvelope + "' key.")
              + ", 200, null, null, null, null, null, null)";

    private static string ItemWire(ResourceModel r) => r.ItemEnvelope is null ? r.Name : Names.ItemEnvelope(r);

    private static string ActionWireReturn(ResourceModel r, ActionModel a)
        => a.ResponseBody == "resource" ? Names.Tasks + ".Task<" + ItemWire(r) + ">"
            : Names.ActionReturnsResponseObject(a) ? Names.Tasks + ".Task<global::System.Net.Http.HttpResponseMessage>"
            : Names.Tasks + ".Task";

    private static List<FieldModel> ItemParams(ResourceModel r)
    {
        var result = new List<FieldModel>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(r.ItemPath, @"\{([^{}]+)\}"))
        {
            var f = r.Fields.FirstOrDefault(x => x.JsonName == m.Groups[1].Value);
            if (f is not null) result.Add(f);
        }
        return result;
    }

    // [AliasAs] maps a C# parameter to its {path_param} for Refit; the client's own methods must not carry it.
    private static List<string> PathParams(IEnumerable<FieldModel> fields, bool refit = true)
        => fields.Select(f =>
        {
            var camel = Parse.Naming.Camel(f.JsonName);
            var alias = !refit || camel.TrimStart('@') == f.JsonName ? "" : "[" + Names.Refit + ".AliasAs(" + CodeWriter.Literal(f.JsonName) + ")] ";
            return alias + "string " + camel;
        }).ToList();

    private static string Params(List<FieldModel> pathParams, params string[] more) => string.Join(", ", PathParams(pathParams).Concat(more));

    private static string ClientParams(List<FieldModel> pathParams, params string[] more) => string.Join(", ", PathParams(pathParams, refit: false).Concat(more));

    private static List<string> Args(List<FieldModel> pathParams) => pathParams.Select(p => Parse.Naming.Camel(p.JsonName)).ToList();

    private static string Join(List<string> first, params string[] more) => string.Join(", ", first.Concat(more));

    private static string CtParam() => Names.Ct + " cancellationToken";

    private static string Route(string path) => CodeWriter.Literal("/" + path);

    private static string Pascal(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant();

    private static void Doc(CodeWriter w, string summary, bool throws = false)
    {
        w.Summary(summary);
        if (throws) w.Line("/// <exception cref=\"global::OpenStack.OpenStackException\">The service answered with an error status.</exception>");
    }
}
