using System.Buffers.Binary;
using System.Text;
using CsCheck;

namespace SecretGuard.Tests.Fuzzing;

/// <summary>
/// What a hostile or damaged file looks like next to a valid one: bits flipped, cut short, bytes
/// inserted or removed, and length fields (binary, little or big endian, or tar's ASCII octal) set to
/// the extremes that overflow arithmetic.
/// </summary>
internal abstract record Mutation
{
    /// <summary>Values that break length arithmetic: zero, one, sign boundaries, all ones.</summary>
    private static readonly ulong[] Extremes =
    [
        0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0x0000_0100_0000_0000,
    ];

    public abstract byte[] Apply(byte[] input);

    private static int At(byte[] input, double where) => input.Length == 0 ? 0 : Math.Min(input.Length - 1, (int)(where * input.Length));

    public sealed record FlipBit(double Where, int Bit) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var output = (byte[])input.Clone();
            if (output.Length > 0)
            {
                output[At(output, Where)] ^= (byte)(1 << Bit);
            }

            return output;
        }
    }

    public sealed record Truncate(double Keep) : Mutation
    {
        public override byte[] Apply(byte[] input) => input[..(int)(Keep * input.Length)];
    }

    public sealed record Insert(double Where, byte[] Bytes) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var at = input.Length == 0 ? 0 : At(input, Where);
            return [.. input.AsSpan(0, at), .. Bytes, .. input.AsSpan(at)];
        }
    }

    public sealed record Remove(double Where, int Count) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var at = At(input, Where);
            var count = Math.Min(Count, input.Length - at);
            return [.. input.AsSpan(0, at), .. input.AsSpan(at + count)];
        }
    }

    /// <summary>A 1, 2, 4 or 8 byte integer at the position set to an extreme, in either byte order.</summary>
    public sealed record ExtremeInteger(double Where, int Width, int Extreme, bool BigEndian) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var output = (byte[])input.Clone();
            var at = At(output, Where);
            if (at + Width > output.Length)
            {
                return output;
            }

            Span<byte> value = stackalloc byte[8];
            if (BigEndian)
            {
                BinaryPrimitives.WriteUInt64BigEndian(value, Extremes[Extreme]);
                value[(8 - Width)..].CopyTo(output.AsSpan(at));
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(value, Extremes[Extreme]);
                value[..Width].CopyTo(output.AsSpan(at));
            }

            return output;
        }
    }

    /// <summary>A tar numeric field (size at 124, mtime at 136 of a 512-byte header) as the largest octal or as base-256.</summary>
    public sealed record TarNumber(double Header, bool Mtime, bool Base256) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var output = (byte[])input.Clone();
            var headers = output.Length / 512;
            if (headers == 0)
            {
                return output;
            }

            var at = (int)(Header * headers) * 512 + (Mtime ? 136 : 124);
            byte[] field = Base256 ? [0xFF, .. Enumerable.Repeat((byte)0xFF, 11)] : Encoding.ASCII.GetBytes("77777777777\0");
            field.CopyTo(output, at);
            return output;
        }
    }

    private static readonly Gen<double> Position = Gen.Double.Unit;

    public static readonly Gen<Mutation> Any = Gen.Frequency(
        (4, (IGen<Mutation>)Gen.Select(Position, Gen.Int[0, 7], (w, b) => (Mutation)new FlipBit(w, b))),
        (2, Gen.Select(Position, k => (Mutation)new Truncate(k))),
        (2, Gen.Select(Position, Gen.Byte.Array[1, 16], (w, b) => (Mutation)new Insert(w, b))),
        (1, Gen.Select(Position, Gen.Int[1, 64], (w, c) => (Mutation)new Remove(w, c))),
        (4, Gen.Select(Position, Gen.OneOf(1, 2, 4, 8), Gen.Int[0, Extremes.Length - 1], Gen.Bool, (w, width, e, big) => (Mutation)new ExtremeInteger(w, width, e, big))),
        (1, Gen.Select(Position, Gen.Bool, Gen.Bool, (h, m, b) => (Mutation)new TarNumber(h, m, b))));

    /// <summary>One of the valid inputs with one to four mutations applied.</summary>
    public static Gen<(string Seed, Mutation[] Mutations, byte[] Input)> Of(IReadOnlyList<(string Name, byte[] Data)> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Any.Array[1, 4], (i, mutations) =>
            (seeds[i].Name, mutations, mutations.Aggregate(seeds[i].Data, (data, m) => m.Apply(data))));
}
