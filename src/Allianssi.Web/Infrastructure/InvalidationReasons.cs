using Allianssi.Application.UseCases.Approvals;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Why an approval was invalidated, in the reader's language: the stored code's text
/// (<c>InvalidationReason.{code}</c>) with its arguments, a party by its name, an indicator or key result
/// area by its name with the id after it; an older reason stored as English text is shown as it is.
/// </summary>
internal static class InvalidationReasons
{
    public static string Localize(IStringLocalizer<Strings> text, string? stored, Func<string, string> partyName, Func<string, string>? idName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(partyName);
        if (!InvalidationReason.TryParse(stored, out var code, out var args))
        {
            return stored ?? "";
        }

        var shown = args.ToArray();
        if (shown.Length > 0 && InvalidationReason.PartyCodes.Contains(code))
        {
            shown[0] = partyName(shown[0]);
        }
        else if (shown.Length > 0 && idName is not null && InvalidationReason.NamedCodes.Contains(code))
        {
            shown[0] = idName(shown[0]);
        }

        var localized = text["InvalidationReason." + code, [.. shown]];
        return localized.ResourceNotFound ? InvalidationReason.English(stored) : localized.Value;
    }
}
