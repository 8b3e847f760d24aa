using System.Globalization;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>
/// Why an approval was invalidated, stored as a stable code with its arguments
/// (<c>code:ledger-line|mehilainen|2022</c>) so each reader sees it in their own language
/// (the web's resource <c>InvalidationReason.{code}</c>); <see cref="English"/> is the invariant
/// text the API and the audit trail carry. Reasons stored before the codes are English text and
/// are shown as they are.
/// </summary>
public static class InvalidationReason
{
    private const string Prefix = "code:";

    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        ["target-cost"] = "target cost of {0} for {1}",
        ["target-cost-adjustment"] = "target-cost adjustment of {0} for {1}",
        ["ledger-line"] = "ledger line of {0} for {1}",
        ["indicator-value"] = "value of indicator {0} for {1}",
        ["indicator-levels"] = "reference levels of indicator {0} from {1}",
        ["period-parameter"] = "parameter {0} of period {1}",
        ["indicator-rules"] = "weight or rules of indicator {0}",
        ["indicator-result"] = "computed result of indicator {0} for {1}",
        ["kra-weight"] = "weight of key result area {0}",
        ["party-terms"] = "terms of party {0}",
        ["period-dates"] = "dates of period {0}",
        ["alliance-terms"] = "alliance's money terms",
    };

    /// <summary>The code of a result that differs from the approved one when approving again.</summary>
    public const string ResultDiffers = "result-differs";

    /// <summary>The codes whose first argument is a party's code.</summary>
    public static readonly IReadOnlySet<string> PartyCodes = new HashSet<string>(StringComparer.Ordinal) { "target-cost", "target-cost-adjustment", "ledger-line", "party-terms" };

    /// <summary>The codes whose first argument is an indicator's id or a key result area's code (shown by name).</summary>
    public static readonly IReadOnlySet<string> NamedCodes = new HashSet<string>(StringComparer.Ordinal) { "indicator-value", "indicator-levels", "indicator-rules", "indicator-result", "kra-weight" };

    /// <summary>Every code a reason can have (each has a text in both languages).</summary>
    public static IEnumerable<string> Codes => Templates.Keys.Append(ResultDiffers);

    /// <summary>The words for what changed, in invariant English (the lock's refusal names it).</summary>
    public static string What(string code, IReadOnlyList<string> args) =>
        string.Format(CultureInfo.InvariantCulture, Templates[code], [.. args]);

    /// <summary>The form stored with the approval.</summary>
    public static string Store(string code, IReadOnlyList<string> args) =>
        Prefix + string.Join('|', [code, .. args]);

    /// <summary>Reads a stored reason: its code and arguments, or false for an older English text.</summary>
    public static bool TryParse(string? stored, out string code, out IReadOnlyList<string> args)
    {
        code = "";
        args = [];
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('|');
        if (parts[0] != ResultDiffers && !Templates.ContainsKey(parts[0]))
        {
            return false;
        }

        code = parts[0];
        args = parts[1..];
        return true;
    }

    /// <summary>The reason in invariant English (an older stored English reason as it is).</summary>
    public static string English(string? stored)
    {
        if (!TryParse(stored, out var code, out var args))
        {
            return stored ?? "";
        }

        return code == ResultDiffers ? "the result differs from the one approved" : $"the {What(code, args)} changed after the approval";
    }
}
