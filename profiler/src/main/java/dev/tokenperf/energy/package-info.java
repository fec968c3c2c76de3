/**
 * GPU energy over a measured window, from a pluggable {@link dev.tokenperf.energy.TelemetrySource}: NVIDIA
 * DCGM exporter endpoints (Prometheus text) or a local {@code nvidia-smi}. {@link dev.tokenperf.energy.EnergyAccumulator}
 * turns timed readings into joules per GPU (the energy counter when the source has one, else power integrated
 * over time), average and peak power; it is pure, so tests give it readings with known truth.
 */
package dev.tokenperf.energy;
