package dev.tokenperf.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** A flag's value in seconds, greater than zero and finite, as a {@link Duration}. */
final class PositiveSeconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new TypeConversionException("must be > 0 seconds, got " + value);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
