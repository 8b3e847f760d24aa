using System.Security.Cryptography;
using System.Text;

namespace Allianssi.Import.Identity;

/// <summary>
/// Replaces a person identifier by its keyed pseudonym: HMAC-SHA-256 of the normalised
/// identifier under a secret key, as 64 lowercase hex characters. The same person gets the same
/// pseudonym in every dataset; without the key the pseudonym cannot be reversed or recomputed.
/// </summary>
/// <remarks>
/// The key comes from configuration (<see cref="PseudonymKey"/>) and is never stored with the data.
/// Normalisation trims, and upper-cases a henkilötunnus, so <c>010101a123x</c> and
/// <c>010101A123X</c> are one person; other identifiers keep their case.
/// </remarks>
public sealed class Pseudonymiser
{
    /// <summary>The shortest key accepted (bytes).</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[] _key;

    /// <param name="key">The secret key; at least <see cref="MinimumKeyLength"/> bytes (32 recommended). Copied.</param>
    public Pseudonymiser(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyLength} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Trims; upper-cases a value that has the henkilötunnus shape once upper-cased.</summary>
    public static string Normalise(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var trimmed = identifier.Trim();
        if (trimmed.Length == 11)
        {
            var upper = trimmed.ToUpperInvariant();
            if (Henkilotunnus.LooksLike(upper))
            {
                return upper;
            }
        }

        return trimmed;
    }

    /// <summary>The pseudonym of an already normalised identifier.</summary>
    public string Pseudonymise(string normalisedIdentifier)
    {
        ArgumentNullException.ThrowIfNull(normalisedIdentifier);
        Span<byte> input = normalisedIdentifier.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(normalisedIdentifier.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(normalisedIdentifier.Length)];
        var length = Encoding.UTF8.GetBytes(normalisedIdentifier, input);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, input[..length], mac);
        return Convert.ToHexStringLower(mac);
    }
}
