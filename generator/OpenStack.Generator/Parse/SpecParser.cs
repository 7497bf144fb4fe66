using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using OpenStack.Generator.Diagnostics;
using OpenStack.Generator.Model;

namespace OpenStack.Generator.Parse;

/// <summary>
/// Spec text → model + diagnostics. Never throws at the caller: every problem becomes a diagnostic
/// with the file's line and column, and an unexpected failure becomes OSG015.
/// </summary>
internal static class SpecParser
{
    private static readonly Regex VersionFolder = new(@"^v[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant);
    internal static readonly Regex PathParam = new(@"\{([^{}]+)\}", RegexOptions.CultureInvariant);
    private static readonly Regex ActionName = new("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant);

    public static bool IsSpecFile(string path)
    {
        var p = path.Replace('\\', '/');
        if (p.EndsWith("/spec.schema.json", StringComparison.OrdinalIgnoreCase)) return false;
        return p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || p.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <param name="references">Reference-only specs an overlay (<c>extends:</c>) can name; see SpecOverlay.</param>
    public static ParsedSpec Parse(string path, string? text, CancellationToken cancellationToken = default, EquatableArray<ReferenceSpec>? references = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var folder = FolderOf(path);
        try
        {
            if (folder is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SpecLocation, path, 1, 1, path));
                return new ParsedSpec(path, "", null, null, diagnostics.ToEquatableArray());
            }
            var loader = new YamlLoader();
            if (!loader.TryLoad(text ?? "", out var error, out var at))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Syntax, path, at.Line, at.Column, error));
                return new ParsedSpec(path, folder, null, null, diagnostics.ToEquatableArray());
            }
            if (!SpecOverlay.TryApply(path, loader, references, diagnostics))
                return new ParsedSpec(path, folder, null, null, diagnostics.ToEquatableArray());
            cancellationToken.ThrowIfCancellationRequested();
            var context = new Context(path, loader, diagnostics);
            foreach (var (key, position) in loader.DuplicateKeys)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateKey, path, position.Line, position.Column, key));

            if (loader.Root is not JObject root)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, "", "(document)", "a spec file must be a mapping");
                return context.Result(folder, null, null);
            }
            var kind = root["kind"];
            if (kind is null)
            {
                context.Report(DiagnosticDescriptors.MissingKey, "", "kind", "(document)");
                return context.Result(folder, null, null);
            }
            var kindName = kind.Type == JTokenType.String ? (string)kind! : null;
            if (kindName != "service" && kindName != "resource")
            {
                context.Report(DiagnosticDescriptors.InvalidValue, "kind", "kind", "must be 'service' or 'resource'");
                return context.Result(folder, null, null);
            }
            var schemaProblems = SpecSchema.Validate(root, kindName);
            foreach (var problem in schemaProblems) context.ReportSchemaProblem(problem);
            if (schemaProblems.Count > 0 || diagnostics.Count > 0) return context.Result(folder, null, null);

            return kindName == "service"
                ? context.Result(folder, ParseService(path, folder, root), null)
                : context.Result(folder, null, new ResourceParser(context, folder, root).Parse());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, path, 1, 1, e.GetType().Name, e.Message));
            return new ParsedSpec(path, folder ?? "", null, null, diagnostics.ToEquatableArray());
        }
    }

    /// <summary>"…/image/v2/images.yaml" → "image/v2"; null when the file is not two folders deep in that shape.</summary>
    internal static string? FolderOf(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        if (parts.Length < 3) return null;
        var version = parts[parts.Length - 2];
        var type = parts[parts.Length - 3];
        if (!VersionFolder.IsMatch(version) || type.Length == 0) return null;
        return type + "/" + version;
    }

    private static ServiceModel ParseService(string path, string folder, JObject root)
    {
        var type = (string)root["type"]!;
        var version = (string)root["version"]!;
        var aliases = root["aliases"] is JArray a ? a.Select(t => (string)t!).ToEquatableArray() : EquatableArray<string>.Empty;
        var ns = (string?)root["namespace"] ?? Naming.Pascal(type) + "." + Naming.Pascal(version.Replace('.', '_'));
        var client = (string?)root["client"] ?? Naming.Pascal(type);
        MicroversionModel? micro = null;
        if (root["microversion"] is JObject m)
            micro = new MicroversionModel((string)m["header"]!, (string)m["service"]!, (string?)m["legacyHeader"], (string)m["max"]!);
        return new ServiceModel(path, folder, type, aliases, version, ns, client, (string?)root["title"], micro, (bool?)root["versionInPath"] ?? true);
    }

    /// <summary>Per-file state: where to report and how to find a node's line.</summary>
    internal sealed class Context
    {
        private readonly YamlLoader _loader;

        public Context(string path, YamlLoader loader, List<DiagnosticInfo> diagnostics)
        {
            Path = path;
            _loader = loader;
            Diagnostics = diagnostics;
        }

        public string Path { get; }
        public List<DiagnosticInfo> Diagnostics { get; }

        public void Report(DiagnosticDescriptor descriptor, string nodePath, params string[] args)
        {
            var at = _loader.PositionOf(nodePath);
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, Path, at.Line, at.Column, args));
        }

        public void ReportSchemaProblem(SchemaProblem problem)
        {
            switch (problem.Kind)
            {
                case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                {
                    var key = problem.Property ?? LastSegment(problem.Path);
                    var parent = ParentOf(problem.Path, key);
                    Report(DiagnosticDescriptors.UnknownKey, Join(parent, key), key, parent.Length == 0 ? "(document)" : parent);
                    break;
                }
                case ValidationErrorKind.PropertyRequired:
                {
                    var key = problem.Property ?? LastSegment(problem.Path);
                    var parent = ParentOf(problem.Path, key);
                    Report(DiagnosticDescriptors.MissingKey, parent, key, parent.Length == 0 ? "(document)" : parent);
                    break;
                }
                default:
                    Report(DiagnosticDescriptors.InvalidValue, problem.Path, problem.Path.Length == 0 ? "(document)" : problem.Path, problem.Message);
                    break;
            }
        }

        public ParsedSpec Result(string folder, ServiceModel? service, ResourceModel? resource)
        {
            // A model is only worth emitting when its spec is clean: half a resource would compile into a lie.
            var clean = Diagnostics.Count == 0;
            return new ParsedSpec(Path, folder, clean ? service : null, clean ? resource : null, Diagnostics.ToEquatableArray());
        }

        private static string LastSegment(string path)
        {
            var cut = path.LastIndexOf('.');
            return cut < 0 ? path : path.Substring(cut + 1);
        }

        // NJsonSchema puts the offending key at the end of the path for some kinds and not others.
        private static string ParentOf(string path, string key)
        {
            if (path == key) return "";
            if (path.EndsWith("." + key, StringComparison.Ordinal)) return path.Substring(0, path.Length - key.Length - 1);
            return path;
        }
    }

    internal static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    /// <summary>Builds a resource model from a schema-valid tree, checking what a schema cannot.</summary>
    private sealed class ResourceParser
    {
        private readonly Context _ctx;
        private readonly string _folder;
        private readonly JObject _root;
        private readonly string _name;
        private readonly Dictionary<string, TypeDefModel> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);
        private readonly HashSet<string> _definitionsInProgress = new(StringComparer.Ordinal);
        private List<FieldModel> _params = new();

        public ResourceParser(Context ctx, string folder, JObject root)
        {
            _ctx = ctx;
            _folder = folder;
            _root = root;
            _name = (string)root["name"]!;
        }

        public ResourceModel Parse()
        {
            var plural = (string?)_root["plural"] ?? _name + "s";
            var path = (string)_root["path"]!;
            var itemPath = (string?)_root["itemPath"] ?? path + "/{id}";
            var envelope = _root["envelope"] as JObject;
            var itemEnvelope = envelope?["item"]?.Type == JTokenType.String ? (string)envelope["item"]! : null;
            // envelope.list: null means the list body is a bare JSON array (Swift listings).
            var listEnvelope = envelope?["list"]?.Type == JTokenType.Null ? null : (string?)envelope?["list"] ?? Naming.Snake(plural);
            var listItemEnvelope = (string?)envelope?["listItem"];
            var additional = (bool?)_root["additionalProperties"] ?? false;

            var fields = ParseFields((JObject)_root["fields"]!, "fields", _name, reserved: new[] { "AdditionalProperties" });
            var byJson = fields.ToDictionary(f => f.JsonName, StringComparer.Ordinal);
            // Parent path parameters (servers/{server_id}/os-interface) that every operation takes first.
            _params = _root["params"] is JObject rp ? ParseFields(rp, "params", _name, Array.Empty<string>()) : new List<FieldModel>();
            var ops = _root["operations"] as JObject;

            ListOperation? list = null;
            if (ops?["list"] is JObject l)
            {
                var query = l["query"] is JObject q
                    ? ParseFields(q, "operations.list.query", _name + "ListOptions", reserved: Array.Empty<string>())
                    : new List<FieldModel>();
                var listPath = (string?)l["path"] ?? path;
                var summaryPath = (string?)l["summaryPath"];
                list = new ListOperation((string?)l["description"], query.ToEquatableArray(), listPath, summaryPath);
                CheckSameParams(listPath, path, "operations.list.path");
                if (summaryPath is not null) CheckSameParams(summaryPath, path, "operations.list.summaryPath");
            }
            var get = ops?["get"] is JObject g ? new SimpleOperation((string?)g["description"]) : null;
            var delete = ops?["delete"] is JObject d ? new SimpleOperation((string?)d["description"]) : null;
            CreateOperation? create = null;
            if (ops?["create"] is JObject c)
                create = new CreateOperation((string?)c["description"], SelectFields(c, "operations.create", byJson, _name + "CreateOptions").ToEquatableArray());
            UpdateOperation? update = null;
            if (ops?["update"] is JObject u)
            {
                var style = (string)u["style"]!;
                var contentType = (string?)u["contentType"]
                    ?? (style == "json-patch" ? "application/openstack-images-v2.1-json-patch" : null);
                update = new UpdateOperation((string?)u["description"], style, contentType,
                    SelectFields(u, "operations.update", byJson, _name + "UpdateOptions").ToEquatableArray());
            }

            var pagination = ParsePagination(list);
            var actions = ParseActions(byJson);
            var collectionParams = CheckPathParams(path, "path", byJson, _params);
            var itemParams = CheckPathParams(itemPath, _root["itemPath"] is null ? "path" : "itemPath", byJson, _params);
            CheckDuplicateOperations(path, itemPath, list, get, create, update, delete, actions);
            var status = ParseStatus(byJson, get);

            return new ResourceModel(_ctx.Path, _folder, _name, plural, (string?)_root["description"], path, itemPath,
                collectionParams.ToEquatableArray(), itemParams.ToEquatableArray(),
                itemEnvelope, listEnvelope, listItemEnvelope, pagination, additional, fields.ToEquatableArray(),
                _types.Values.OrderBy(t => t.CsName, StringComparer.Ordinal).ToEquatableArray(),
                _enums.Values.OrderBy(e => e.CsName, StringComparer.Ordinal).ToEquatableArray(),
                list, get, create, update, delete, actions.ToEquatableArray(), status);
        }

        /// <summary>An alternative list path must take the same path parameters as the collection path.</summary>
        private void CheckSameParams(string other, string path, string at)
        {
            var a = PathParam.Matches(other).Cast<Match>().Select(m => m.Groups[1].Value);
            var b = PathParam.Matches(path).Cast<Match>().Select(m => m.Groups[1].Value);
            if (!a.SequenceEqual(b))
                _ctx.Report(DiagnosticDescriptors.InvalidValue, at, at, "must have the same {parameters} as path (" + path + ")");
        }

        /// <summary>
        /// Resources with a 'status' field and a get operation can be waited on; the spec's 'status' key
        /// names the field, failure statuses and the fault path when the defaults do not fit.
        /// </summary>
        private StatusModel? ParseStatus(Dictionary<string, FieldModel> byJson, SimpleOperation? get)
        {
            var spec = _root["status"] as JObject;
            var fieldName = (string?)spec?["field"] ?? "status";
            if (!byJson.TryGetValue(fieldName, out var field))
            {
                if (spec is not null) _ctx.Report(DiagnosticDescriptors.UnknownField, "status.field", "status.field", fieldName);
                return null;
            }
            if (get is null)
            {
                if (spec is not null) _ctx.Report(DiagnosticDescriptors.InvalidValue, "status", "status", "waiting needs an operations.get entry");
                return null;
            }
            var expr = field.Type.Kind switch
            {
                FieldKind.String => field.CsName,
                FieldKind.Enum => field.CsName + "?.ToString()",
                _ => null,
            };
            if (expr is null)
            {
                if (spec is not null) _ctx.Report(DiagnosticDescriptors.InvalidValue, "status.field", "status.field", "the status field must be a string or an enum");
                return null;
            }
            var failures = spec?["failure"] is JArray f ? f.Select(t => (string)t!).ToList() : new List<string> { "ERROR" };
            var deleteFailures = spec?["deleteFailure"] is JArray df ? df.Select(t => (string)t!).ToList() : new List<string>();
            string? fault = null;
            if (spec?["fault"] is JToken faultToken) fault = ResolveFault((string)faultToken!, byJson);
            return new StatusModel(expr, failures.ToEquatableArray(), fault, deleteFailures.ToEquatableArray());
        }

        /// <summary>"fault.message" → "Fault?.Message", walking fields and nested records; the end must be a string.</summary>
        private string? ResolveFault(string dotted, Dictionary<string, FieldModel> byJson)
        {
            var parts = dotted.Split('.');
            var expr = "";
            IEnumerable<FieldModel> scope = byJson.Values;
            for (var i = 0; i < parts.Length; i++)
            {
                var f = scope.FirstOrDefault(x => x.JsonName == parts[i]);
                if (f is null) break;
                expr += (i == 0 ? "" : "?.") + f.CsName;
                if (i == parts.Length - 1)
                {
                    if (f.Type.Kind == FieldKind.String) return expr;
                    break;
                }
                if (f.Type.Kind != FieldKind.Object || !_types.TryGetValue(f.Type.Name!, out var nested)) break;
                scope = nested.Fields;
            }
            _ctx.Report(DiagnosticDescriptors.InvalidValue, "status.fault", "status.fault", "'" + dotted + "' must lead through object fields to a string field");
            return null;
        }

        private PaginationModel ParsePagination(ListOperation? list)
        {
            if (_root["pagination"] is not JObject p) return new PaginationModel("none", null, "marker");
            var kind = (string)p["kind"]!;
            var marker = (string?)p["marker"] ?? "marker";
            if (list is null && kind != "none")
                _ctx.Report(DiagnosticDescriptors.PaginationMismatch, "pagination.kind", kind, "an operations.list entry");
            else if (kind == "marker" && list is not null && !list.Query.Any(q => q.JsonName == marker))
                _ctx.Report(DiagnosticDescriptors.PaginationMismatch, "pagination.kind", kind,
                    "a '" + marker + "' parameter in operations.list.query");
            // markerField: the item field (or fields, first one set) whose last value is the next marker; default id.
            var markerFields = p["markerField"] switch
            {
                JArray a => a.Select(t => (string)t!).ToList(),
                JValue v when v.Type == JTokenType.String => new List<string> { (string)v! },
                _ => new List<string>(),
            };
            if (kind == "marker" && markerFields.Count == 0 && !HasIdField())
                _ctx.Report(DiagnosticDescriptors.PaginationMismatch, "pagination.kind", kind,
                    "an 'id' field: the next marker is the last item's id");
            foreach (var f in markerFields)
                if (!(_root["fields"] is JObject fs && fs[f] is not null))
                    _ctx.Report(DiagnosticDescriptors.PaginationMismatch, "pagination.markerField", kind,
                        "a field named '" + f + "': the next marker is read from it");
            if ((kind == "links" || kind == "next") && _root["envelope"] is JObject e && e["list"]?.Type == JTokenType.Null)
                _ctx.Report(DiagnosticDescriptors.PaginationMismatch, "pagination.kind", kind,
                    "an envelope.list key: a bare array has no next link beside it");
            var next = (string?)p["next"] ?? (kind == "next" ? "next" : null);
            return new PaginationModel(kind, next, marker, markerFields.ToEquatableArray());
        }

        private bool HasIdField() => _root["fields"] is JObject f && f["id"] is not null;

        private List<FieldModel> SelectFields(JObject op, string opPath, Dictionary<string, FieldModel> byJson, string owner)
        {
            var result = new List<FieldModel>();
            var required = new HashSet<string>(op["required"] is JArray r ? r.Select(t => (string)t!) : Enumerable.Empty<string>(), StringComparer.Ordinal);
            if (op["fields"] is JArray names)
            {
                var i = 0;
                foreach (var nameToken in names)
                {
                    var name = (string)nameToken!;
                    if (byJson.TryGetValue(name, out var field)) result.Add(field with { Required = required.Contains(name), ReadOnly = false });
                    else _ctx.Report(DiagnosticDescriptors.UnknownField, opPath + ".fields[" + i + "]", opPath + ".fields", name);
                    i++;
                }
            }
            if (op["extraFields"] is JObject extra)
            {
                foreach (var f in ParseFields(extra, opPath + ".extraFields", owner, Array.Empty<string>()))
                    result.Add(f with { Required = required.Contains(f.JsonName) });
            }
            var known = new HashSet<string>(result.Select(f => f.JsonName), StringComparer.Ordinal);
            if (op["required"] is JArray req)
            {
                var i = 0;
                foreach (var t in req)
                {
                    var name = (string)t!;
                    if (!known.Contains(name))
                        _ctx.Report(DiagnosticDescriptors.UnknownField, opPath + ".required[" + i + "]", opPath + ".required", name);
                    i++;
                }
            }
            CheckCollisions(result, opPath, owner);
            return result;
        }

        private List<ActionModel> ParseActions(Dictionary<string, FieldModel> byJson)
        {
            var actions = new List<ActionModel>();
            if (_root["actions"] is not JObject a) return actions;
            foreach (var prop in a.Properties())
            {
                var at = "actions." + prop.Name;
                if (!ActionName.IsMatch(prop.Name))
                {
                    _ctx.Report(DiagnosticDescriptors.InvalidValue, at, at, "action names are snake_case, e.g. add_tag");
                    continue;
                }
                var body = (JObject)prop.Value;
                var csName = Naming.Pascal(prop.Name);
                var paramFields = body["params"] is JObject ps
                    ? ParseFields(ps, at + ".params", _name, Array.Empty<string>())
                    : new List<FieldModel>();
                paramFields.AddRange(_params);
                var path = (string)body["path"]!;
                var pathParams = CheckPathParams(path, at + ".path", byJson, paramFields);
                var request = body["request"] as JObject;
                var requestBody = (string?)request?["body"] ?? "none";
                var requestFields = request?["fields"] is JObject rf
                    ? ParseFields(rf, at + ".request.fields", _name + csName + "Request", Array.Empty<string>())
                    : new List<FieldModel>();
                var response = body["response"] as JObject;
                var headers = new List<HeaderModel>();
                if (response?["headers"] is JObject hs)
                    foreach (var h in hs.Properties())
                        headers.Add(new HeaderModel(Naming.Pascal(h.Name), (string)h.Value["header"]!,
                            (string?)h.Value["type"] ?? "string", (string?)h.Value["description"]));
                var responseBody = (string?)response?["body"] ?? "none";
                var responseEnvelope = (string?)response?["envelope"];
                TypeRef? responseType = null;
                if (responseBody == "json")
                {
                    if (response?["schema"] is not JObject schema)
                        _ctx.Report(DiagnosticDescriptors.MissingKey, at + ".response", "schema", at + ".response");
                    else
                    {
                        responseType = ParseType(schema, at + ".response.schema", _name + csName + "Result");
                        // Without an envelope the body itself is the result: it needs a named record for its JSON metadata.
                        if (responseEnvelope is null && responseType.Kind != FieldKind.Object)
                            _ctx.Report(DiagnosticDescriptors.InvalidValue, at + ".response.schema", at + ".response.schema",
                                "a response without an envelope must be an object with properties");
                    }
                }
                actions.Add(new ActionModel(prop.Name, csName, (string?)body["description"], (string)body["method"]!, path,
                    pathParams.ToEquatableArray(), requestBody, (string?)request?["contentType"], (string?)request?["envelope"],
                    requestFields.ToEquatableArray(), responseBody, headers.ToEquatableArray(),
                    responseEnvelope, responseType, (string?)body["minVersion"], (string?)body["maxVersion"]));
            }
            return actions;
        }

        /// <summary>Every {param} of a path must be a resource field or a declared param; returns them in path order.</summary>
        private List<FieldModel> CheckPathParams(string path, string at, Dictionary<string, FieldModel> byJson, List<FieldModel>? declared)
        {
            var result = new List<FieldModel>();
            foreach (Match m in PathParam.Matches(path))
            {
                var name = m.Groups[1].Value;
                var found = declared?.FirstOrDefault(f => f.JsonName == name)
                    ?? (byJson.TryGetValue(name, out var field) ? field : null);
                if (found is null) _ctx.Report(DiagnosticDescriptors.PathParameterWithoutField, at, name, path);
                else result.Add(found);
            }
            return result;
        }

        private void CheckDuplicateOperations(string path, string itemPath, ListOperation? list, SimpleOperation? get,
            CreateOperation? create, UpdateOperation? update, SimpleOperation? delete, List<ActionModel> actions)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            // Nova-style actions share one path (POST servers/{id}/action) and differ by the key wrapping
            // their JSON body ({"reboot": {...}}), so that key is part of what makes an operation distinct.
            void Add(string name, string at, string method, string p, string csName, string? bodyKey = null)
            {
                var key = method + " " + PathParam.Replace(p, "{}") + (bodyKey is null ? "" : " body:" + bodyKey);
                if (seen.TryGetValue(key, out var other))
                    _ctx.Report(DiagnosticDescriptors.DuplicateOperation, at, name, other, method, p);
                else seen[key] = name;
                if (names.TryGetValue(csName, out var clash))
                    _ctx.Report(DiagnosticDescriptors.NameCollision, at, name, clash, csName + "Async", "actions");
                else names[csName] = name;
            }
            if (list is not null) Add("list", "operations.list", "GET", list.Path, "List");
            if (list?.SummaryPath is not null) Add("list summary", "operations.list.summaryPath", "GET", list.SummaryPath, "ListSummary");
            if (get is not null) Add("get", "operations.get", "GET", itemPath, "Get");
            if (create is not null) Add("create", "operations.create", "POST", path, "Create");
            if (update is not null) Add("update", "operations.update", update.Style == "put" ? "PUT" : "PATCH", itemPath, "Update");
            if (delete is not null) Add("delete", "operations.delete", "DELETE", itemPath, "Delete");
            foreach (var a in actions)
                Add(a.Name, "actions." + a.Name, a.Method, a.Path, a.CsName, a.RequestBody == "json" ? a.RequestEnvelope : null);
        }

        private List<FieldModel> ParseFields(JObject map, string at, string owner, IReadOnlyCollection<string> reserved)
        {
            var fields = new List<FieldModel>();
            foreach (var prop in map.Properties())
                fields.Add(ParseField(prop.Name, (JObject)prop.Value, Join(at, prop.Name), owner));
            CheckCollisions(fields, at, owner, reserved);
            return fields;
        }

        private void CheckCollisions(List<FieldModel> fields, string at, string owner, IReadOnlyCollection<string>? reserved = null)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var r in reserved ?? Array.Empty<string>()) seen[r] = "(generated member " + r + ")";
            for (var i = 0; i < fields.Count; i++)
            {
                var f = fields[i];
                // C# forbids a member named like its type (CS0542): Image.Image → Image.ImageValue.
                if (f.CsName == owner) fields[i] = f = f with { CsName = f.CsName + "Value" };
                if (seen.TryGetValue(f.CsName, out var other))
                    _ctx.Report(DiagnosticDescriptors.NameCollision, Join(at, f.JsonName), f.JsonName, other, f.CsName, owner);
                else seen[f.CsName] = f.JsonName;
            }
        }

        private FieldModel ParseField(string jsonName, JObject schema, string at, string owner)
        {
            var csName = (string?)schema["csName"] ?? Naming.Pascal(jsonName);
            var type = ParseType(schema, at, owner + csName);
            return new FieldModel(jsonName, csName, type, (string?)schema["description"],
                (bool?)schema["readOnly"] ?? false, (bool?)schema["writeOnly"] ?? false, (bool?)schema["secret"] ?? false,
                Required: false, (bool?)schema["deprecated"] ?? false, (string?)schema["minVersion"], (string?)schema["maxVersion"],
                Nullable: schema["type"] is JArray types && types.Any(t => (string?)t == "null"));
        }

        private TypeRef ParseType(JObject schema, string at, string suggestedName)
        {
            if (schema["$ref"] is JToken refToken) return ResolveRef((string)refToken!, Join(at, "$ref"));

            var types = schema["type"] switch
            {
                JArray arr => arr.Select(t => (string)t!).Where(t => t != "null").ToList(),
                JValue v when v.Type == JTokenType.String => new List<string> { (string)v! }.Where(t => t != "null").ToList(),
                _ => new List<string>(),
            };
            if (types.Count != 1) return new TypeRef(FieldKind.Json);
            var format = (string?)schema["format"];
            switch (types[0])
            {
                case "string":
                    if (format == "date-time") return new TypeRef(FieldKind.DateTime);
                    if (schema["enum"] is JArray values && values.Any(v => v.Type == JTokenType.String))
                        return AddEnum(schema, suggestedName, values);
                    return new TypeRef(FieldKind.String);
                case "integer":
                    return new TypeRef(format == "int64" ? FieldKind.Int64 : FieldKind.Int32);
                case "number":
                    return new TypeRef(FieldKind.Number);
                case "boolean":
                    return new TypeRef(FieldKind.Boolean);
                case "array":
                    var element = schema["items"] is JObject items
                        ? ParseType(items, Join(at, "items"), suggestedName + "Item")
                        : new TypeRef(FieldKind.Json);
                    return new TypeRef(FieldKind.Array, Element: element);
                case "object":
                    if (schema["properties"] is JObject props)
                    {
                        var name = (string?)schema["csName"] ?? suggestedName;
                        return AddType(name, schema, props, at);
                    }
                    if (schema["additionalProperties"] is JObject valueSchema)
                        return new TypeRef(FieldKind.Map, Element: ParseType(valueSchema, Join(at, "additionalProperties"), suggestedName + "Value"));
                    return new TypeRef(FieldKind.Json);
                default:
                    return new TypeRef(FieldKind.Json);
            }
        }

        private TypeRef ResolveRef(string reference, string at)
        {
            const string prefix = "#/definitions/";
            var name = reference.StartsWith(prefix, StringComparison.Ordinal) ? reference.Substring(prefix.Length) : reference;
            if (!reference.StartsWith(prefix, StringComparison.Ordinal) || _root["definitions"]?[name] is not JObject def)
            {
                _ctx.Report(DiagnosticDescriptors.UnresolvedRef, at, reference, name);
                return new TypeRef(FieldKind.Json);
            }
            // Prefixed with the resource so two resources of a service can both define e.g. "address".
            var csName = (string?)def["csName"] ?? _name + Naming.Pascal(name);
            if (_types.ContainsKey(csName) || _enums.ContainsKey(csName) || !_definitionsInProgress.Add(csName))
                return _enums.ContainsKey(csName) ? new TypeRef(FieldKind.Enum, csName) : new TypeRef(FieldKind.Object, csName);
            var type = ParseType(def, "definitions." + name, csName);
            _definitionsInProgress.Remove(csName);
            return type;
        }

        private TypeRef AddType(string name, JObject schema, JObject props, string at)
        {
            if (!_types.ContainsKey(name))
            {
                _types[name] = new TypeDefModel(name, null, EquatableArray<FieldModel>.Empty, false); // placeholder stops recursion
                var fields = ParseFields(props, Join(at, "properties"), name, new[] { "AdditionalProperties" });
                _types[name] = new TypeDefModel(name, (string?)schema["description"], fields.ToEquatableArray(),
                    schema["additionalProperties"] is JValue { Type: JTokenType.Boolean } b && (bool)b!);
            }
            return new TypeRef(FieldKind.Object, name);
        }

        private TypeRef AddEnum(JObject schema, string name, JArray values)
        {
            name = (string?)schema["csName"] ?? name;
            if (!_enums.ContainsKey(name))
                _enums[name] = new EnumModel(name, (string?)schema["description"],
                    values.Where(v => v.Type == JTokenType.String).Select(v => (string)v!).ToEquatableArray());
            return new TypeRef(FieldKind.Enum, name);
        }
    }
}
