using System.Globalization;
using System.Text.Json;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// One line that says what an audit entry changed: the top-level fields whose value differs between
/// the before and after JSON ("amount: 100 → 120"), so the audit page need not show raw JSON.
/// </summary>
internal static class AuditSummary
{
    /// <summary>Fields named at most; the rest are counted.</summary>
    private const int MaxFields = 6;

    /// <summary>A value is cut to this many characters in the summary (the JSON stays whole on demand).</summary>
    private const int MaxValue = 40;

    public static string Of(string? before, string? after)
    {
        var old = Fields(before);
        var now = Fields(after);
        if (old is null && now is null)
        {
            return before is null && after is null ? "" : Cut(after ?? before ?? "");
        }

        if (old is null || old.Count == 0)
        {
            return "+ " + string.Join(", ", Named((now ?? []).Select(f => $"{f.Key}: {Cut(f.Value)}")));
        }

        if (now is null || now.Count == 0)
        {
            return "− " + string.Join(", ", Named(old.Select(f => $"{f.Key}: {Cut(f.Value)}")));
        }

        var changed = old.Keys.Union(now.Keys, StringComparer.Ordinal)
            .Where(k => !string.Equals(old.GetValueOrDefault(k), now.GetValueOrDefault(k), StringComparison.Ordinal))
            .Select(k => $"{k}: {Cut(old.GetValueOrDefault(k) ?? "–")} → {Cut(now.GetValueOrDefault(k) ?? "–")}");
        var list = Named(changed).ToList();
        return list.Count == 0 ? "=" : string.Join(", ", list);
    }

    private static IEnumerable<string> Named(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= MaxFields ? all : all.Take(MaxFields).Append(string.Create(CultureInfo.InvariantCulture, $"+{all.Count - MaxFields}"));
    }

    private static string Cut(string value) => value.Length <= MaxValue ? value : value[..MaxValue] + "…";

    /// <summary>The top-level fields of a JSON object as text; null when the text is not a JSON object.</summary>
    private static Dictionary<string, string>? Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(),
                StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
