using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>
/// Seals the chunks of a retained upload with AES-256-GCM before they reach the operational database, and opens them
/// for a store rebuild (issue 11, item 8). A sealed chunk is <c>nonce (12) | ciphertext | tag (16)</c>, with a fresh
/// random nonce per chunk; the associated data binds it to its batch, its place and whether it is the last chunk, so a
/// chunk moved to another batch or place, or a file cut short after any chunk, fails authentication.
/// </summary>
/// <remarks>The key comes from <see cref="Import.Identity.SecretKey.Upload"/>, never from the database it protects.</remarks>
public sealed class UploadCipher
{
    /// <summary>Bytes a sealed chunk has beyond its plaintext.</summary>
    public const int Overhead = NonceBytes + TagBytes;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    /// <param name="key">32 bytes.</param>
    public UploadCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The upload key must be 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Seals <paramref name="plain"/> into <paramref name="destination"/> (its length + <see cref="Overhead"/>); returns the bytes written.</summary>
    public int Seal(long batchId, int index, bool last, ReadOnlySpan<byte> plain, Span<byte> destination)
    {
        var length = plain.Length + Overhead;
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too small.", nameof(destination));
        }

        RandomNumberGenerator.Fill(destination[..NonceBytes]);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(destination[..NonceBytes], plain, destination.Slice(NonceBytes, plain.Length), destination.Slice(NonceBytes + plain.Length, TagBytes), AssociatedData(batchId, index, last));
        return length;
    }

    /// <summary>Opens a sealed chunk; throws <see cref="InvalidDataException"/> when it fails authentication.</summary>
    public byte[] Open(long batchId, int index, bool last, ReadOnlySpan<byte> sealedChunk)
    {
        if (sealedChunk.Length < Overhead)
        {
            throw Tampered(batchId, index);
        }

        var plain = new byte[sealedChunk.Length - Overhead];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedChunk[..NonceBytes], sealedChunk.Slice(NonceBytes, plain.Length), sealedChunk[^TagBytes..], plain, AssociatedData(batchId, index, last));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Tampered(batchId, index);
        }

        return plain;
    }

    private static byte[] AssociatedData(long batchId, int index, bool last)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt64LittleEndian(data, batchId);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(8), index);
        data[12] = last ? (byte)1 : (byte)0;
        return data;
    }

    private static InvalidDataException Tampered(long batchId, int index) => new(
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Chunk {index} of batch {batchId}'s retained upload fails authentication: it was changed, moved, cut short or sealed with another key."));
}
