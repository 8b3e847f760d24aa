using System.Security.Cryptography;
using System.Text;
using Allianssi.Domain.Organiser;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.Application.UseCases.Organiser;

/// <summary>
/// The capitation of a year, computed once and kept (a singleton over <see cref="IMemoryCache"/>): the capitation
/// page's prerender and its interactive render, the triple-aim page (whose cost index is made of it) and the API share
/// one computation, which reads every person-month of the year from the analytical store (seconds at 230,000 residents).
/// </summary>
/// <remarks>
/// Keyed as results are (<see cref="Results.ResultCalculator"/>): by the analytical store, the year, the model's text,
/// the store generation of this process (<see cref="Data.StoreChanges"/>: an import, a revert, a saved model) and the
/// version of the recorded changes (the newest audit entry that may change a result, whichever process wrote it: an
/// import by the command line is audited too). The expiry, an hour, bounds memory and a write to the analytical store
/// by another process that records no audit entry (a store rebuilt by hand); it is longer than a result's minute
/// because a capitation takes seconds, not milliseconds.
/// </remarks>
public sealed class OrganiserComputations(IMemoryCache cache)
{
    /// <summary>How long a capitation is kept when nothing changes.</summary>
    public static readonly TimeSpan CacheExpiry = TimeSpan.FromHours(1);

    private long _computed;

    /// <summary>How many capitations have been computed since start-up (tests count them).</summary>
    public long Count => Interlocked.Read(ref _computed);

    /// <summary>The capitation under <paramref name="key"/>, computed by <paramref name="compute"/> when it is not kept.</summary>
    internal CapitationResult Capitation(Key key, Func<CapitationResult> compute)
    {
        // One computation per key: readers that arrive while it runs wait for it (Lazy's default mode).
        var entry = cache.GetOrCreate(key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheExpiry;
            e.Size = 1;
            return new Lazy<CapitationResult>(() =>
            {
                Interlocked.Increment(ref _computed);
                return compute();
            });
        })!;
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed or cancelled computation is not kept: the next reader computes again.
            cache.Remove(key);
            throw;
        }
    }

    /// <summary>What a capitation is computed from.</summary>
    internal sealed record Key(string Store, int Year, string Model, long Generation, long Version)
    {
        /// <summary>The key of a model's text (its SHA-256, not the text, is kept).</summary>
        public static Key Of(string store, int year, string modelJson, long generation, long version) =>
            new(store, year, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(modelJson))), generation, version);
    }
}
