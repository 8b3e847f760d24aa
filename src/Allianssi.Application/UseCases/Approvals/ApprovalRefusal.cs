using System.Globalization;
using Allianssi.Application.UseCases.Scoring;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>
/// Why a result cannot be approved (nor therefore locked) yet: a period settled "to date" (its later
/// years have no data yet or are not over) or a year still in progress ("so far"). Such a result
/// changes as data arrives, so an approval of it would lock a number that is not final.
/// </summary>
/// <param name="Code">The stable error code (the validation error's field): <see cref="ToDate"/>.</param>
/// <param name="Through">The last year the result covers.</param>
public sealed record ApprovalRefusal(string Code, int Through)
{
    /// <summary>The error code: the result is "to date" or "so far", not final.</summary>
    public const string ToDate = "approval.notFinal";

    /// <summary>The refusal for a settlement, or null when it may be approved.</summary>
    public static ApprovalRefusal? Of(SettlementView settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return settlement.ToDateThrough is { } through ? new(ToDate, through)
            : settlement.SoFar ? new(ToDate, settlement.Span[^1])
            : null;
    }

    /// <summary>The refusal in English, for the API's validation error.</summary>
    public string Message(string periodCode, int? year) => year is { } y
        ? string.Create(CultureInfo.InvariantCulture, $"{y} is still in progress, so its result is only so far: it can be approved and locked once the year is over")
        : string.Create(CultureInfo.InvariantCulture, $"period {periodCode} is settled only to date (through {Through}): it can be approved and locked once every year of the period is over and has its data");
}
