// The objects `docker inspect` prints, with Docker's keys in Docker's order (§3.10).
import { goZeroTime, rfc3339, rfc3339Nano } from '../format/time';
import { goMap } from '../format/go-value';
import type { HostContext } from '../host-context';
import type { Container, Network, Volume } from '../model/host-state';
import type { Image } from '../model/image';
import { imageSize, tagsOf } from '../ops/image-store';
import { familiarString, refFromCanonical } from '../registry/reference';
import { sha256Hex } from '../util/sha256';
import { volumeMountpoint } from '../ops/volumes';

const time = (ms: number) => (ms ? rfc3339Nano(ms) : goZeroTime);
const graphId = (seed: string) => sha256Hex(`graph:${seed}`);

function graphDriver(lowers: string[], upperSeed: string) {
  const upper = graphId(upperSeed);
  return {
    Data: {
      ...(lowers.length > 0 ? { LowerDir: lowers.map((seed) => `/var/lib/docker/overlay2/${graphId(seed)}/diff`).join(':') } : {}),
      MergedDir: `/var/lib/docker/overlay2/${upper}/merged`,
      UpperDir: `/var/lib/docker/overlay2/${upper}/diff`,
      WorkDir: `/var/lib/docker/overlay2/${upper}/work`,
    },
    Name: 'overlay2',
  };
}

export function imageInspect(ctx: HostContext, image: Image) {
  const config: Record<string, unknown> = {};
  const source = image.config;
  for (const key of ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped', 'Healthcheck', 'OnBuild', 'Shell'] as const) {
    const value = source[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    config[key] = key === 'ExposedPorts' || key === 'Volumes' ? goMap({ ...(value as object) }, 'map[string]struct {}') : key === 'Labels' ? goMap({ ...(value as object) }, 'map[string]string') : value;
  }
  const top = image.layers[image.layers.length - 1] ?? image.id;
  return {
    Id: image.id,
    RepoTags: tagsOf(ctx, image.id).map((key) => familiarString(refFromCanonical(key))),
    RepoDigests: image.repoDigests,
    Parent: image.parent ?? '',
    Comment: image.comment ?? image.history[image.history.length - 1]?.comment ?? '',
    Created: image.created,
    DockerVersion: '',
    Author: image.author ?? '',
    Config: config,
    Architecture: 'amd64',
    Os: 'linux',
    Size: imageSize(ctx, image),
    GraphDriver: graphDriver(image.layers.slice(0, -1).reverse(), top),
    RootFS: { Type: 'layers', Layers: image.layers },
    Metadata: { LastTagTime: image.lastTagTime ?? goZeroTime },
  };
}

function portMap(ports: Container['ports']) {
  const result: Record<string, Array<{ HostIp: string; HostPort: string }> | null> = {};
  for (const [key, bindings] of Object.entries(ports)) result[key] = bindings.map((binding) => ({ HostIp: binding.hostIp, HostPort: binding.hostPort }));
  return goMap(result, 'nat.PortMap');
}

export function containerInspect(ctx: HostContext, container: Container) {
  const running = container.state.status === 'running' || container.state.status === 'paused';
  const image = ctx.state.images[container.imageId];
  const networks: Record<string, unknown> = {};
  for (const [name, endpoint] of Object.entries(container.networks)) {
    const network = Object.values(ctx.state.networks).find((candidate) => candidate.name === name);
    const active = running && endpoint.ipAddress !== '';
    networks[name] = {
      IPAMConfig: null,
      Links: null,
      Aliases: endpoint.aliases.length > 0 ? endpoint.aliases : null,
      MacAddress: active ? endpoint.macAddress : '',
      DriverOpts: null,
      GwPriority: 0,
      NetworkID: network?.id ?? '',
      EndpointID: active ? sha256Hex(`endpoint:${container.id}:${name}`) : '',
      Gateway: active ? network?.gateway ?? '' : '',
      IPAddress: active ? endpoint.ipAddress : '',
      IPPrefixLen: active ? 16 : 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      DNSNames: name === 'bridge' || !active ? null : [container.name, container.id.slice(0, 12)],
    };
  }
  const bridge = container.networks.bridge;
  const bridgeActive = running && bridge !== undefined && bridge.ipAddress !== '';
  return {
    Id: container.id,
    Created: rfc3339Nano(container.created),
    Path: container.path,
    Args: container.args,
    State: {
      Status: container.state.status,
      Running: container.state.status === 'running' || container.state.status === 'paused',
      Paused: container.state.status === 'paused',
      Restarting: container.state.status === 'restarting',
      OOMKilled: container.state.oomKilled,
      Dead: container.state.status === 'dead',
      Pid: running ? container.state.pid : 0,
      ExitCode: container.state.exitCode,
      Error: container.state.error,
      StartedAt: time(container.state.startedAt),
      FinishedAt: time(container.state.finishedAt),
    },
    Image: container.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${container.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${container.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${container.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${container.id}/${container.id}-json.log`,
    Name: `/${container.name}`,
    RestartCount: container.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: container.hostConfig.binds.length > 0 ? container.hostConfig.binds : null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: goMap({}, 'map[string]string') },
      NetworkMode: container.hostConfig.networkMode,
      PortBindings: goMap(Object.fromEntries(Object.entries(container.hostConfig.portBindings).map(([key, bindings]) => [key, bindings.map((binding) => ({ HostIp: binding.hostIp, HostPort: binding.hostPort }))])), 'nat.PortMap'),
      RestartPolicy: { Name: container.hostConfig.restartPolicy.name, MaximumRetryCount: container.hostConfig.restartPolicy.maximumRetryCount },
      AutoRemove: container.hostConfig.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      ConsoleSize: [0, 0],
      CapAdd: null,
      CapDrop: null,
      CgroupnsMode: 'private',
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: 'private',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: false,
      PublishAllPorts: container.hostConfig.publishAllPorts,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
      Isolation: '',
      CpuShares: 0,
      Memory: container.hostConfig.memory,
      NanoCpus: container.hostConfig.nanoCpus,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [],
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemoryReservation: 0,
      MemorySwap: container.hostConfig.memorySwap,
      MemorySwappiness: null,
      OomKillDisable: null,
      PidsLimit: null,
      Ulimits: [],
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      ...(container.hostConfig.mounts.length > 0 ? { Mounts: container.hostConfig.mounts } : {}),
      MaskedPaths: ['/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'],
      ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
    GraphDriver: graphDriver([...(image?.layers ?? []).slice().reverse(), `${container.id}-init`], container.id),
    Mounts: container.mounts.map((mount) =>
      mount.type === 'volume'
        ? { Type: 'volume', Name: mount.name, Source: mount.source, Destination: mount.destination, Driver: 'local', Mode: mount.mode, RW: mount.rw, Propagation: mount.propagation }
        : mount.type === 'bind'
          ? { Type: 'bind', Source: mount.source, Destination: mount.destination, Mode: mount.mode, RW: mount.rw, Propagation: mount.propagation }
          : { Type: 'tmpfs', Source: '', Destination: mount.destination, Mode: '', RW: true, Propagation: '' },
    ),
    Config: {
      Hostname: container.config.hostname,
      Domainname: '',
      User: container.config.user,
      AttachStdin: container.config.openStdin,
      AttachStdout: true,
      AttachStderr: true,
      ...(container.config.exposedPorts.length > 0 ? { ExposedPorts: goMap(Object.fromEntries(container.config.exposedPorts.map((port) => [port, {}])), 'nat.PortSet') } : {}),
      Tty: container.config.tty,
      OpenStdin: container.config.openStdin,
      StdinOnce: container.config.openStdin,
      Env: container.config.env,
      Cmd: container.config.cmd,
      Image: container.config.image,
      Volumes: container.config.volumes.length > 0 ? goMap(Object.fromEntries(container.config.volumes.map((path) => [path, {}])), 'map[string]struct {}') : null,
      WorkingDir: container.config.workingDir,
      Entrypoint: container.config.entrypoint,
      OnBuild: null,
      Labels: goMap({ ...container.config.labels }, 'map[string]string'),
      ...(container.config.stopSignal ? { StopSignal: container.config.stopSignal } : {}),
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? sha256Hex(`sandbox:${container.id}`) : '',
      SandboxKey: running ? `/var/run/docker/netns/${sha256Hex(`sandbox:${container.id}`).slice(0, 12)}` : '',
      Ports: running ? portMap(container.ports) : {},
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: bridgeActive ? sha256Hex(`endpoint:${container.id}:bridge`) : '',
      Gateway: bridgeActive ? '172.17.0.1' : '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: bridgeActive ? bridge!.ipAddress : '',
      IPPrefixLen: bridgeActive ? 16 : 0,
      IPv6Gateway: '',
      MacAddress: bridgeActive ? bridge!.macAddress : '',
      Networks: goMap(networks, 'map[string]*network.EndpointSettings'),
    },
  };
}

export function volumeInspect(volume: Volume) {
  return {
    CreatedAt: rfc3339(volume.created),
    Driver: 'local',
    Labels: volume.labels === null ? null : goMap({ ...volume.labels }, 'map[string]string'),
    Mountpoint: volumeMountpoint(volume.name),
    Name: volume.name,
    Options: volume.options === null ? null : goMap({ ...volume.options }, 'map[string]string'),
    Scope: 'local',
  };
}

export function networkInspect(ctx: HostContext, network: Network) {
  const containers: Record<string, unknown> = {};
  for (const container of Object.values(ctx.state.containers)) {
    const endpoint = container.networks[network.name];
    if (!endpoint || endpoint.ipAddress === '') continue;
    containers[container.id] = {
      Name: container.name,
      EndpointID: sha256Hex(`endpoint:${container.id}:${network.name}`),
      MacAddress: endpoint.macAddress,
      IPv4Address: `${endpoint.ipAddress}/16`,
      IPv6Address: '',
    };
  }
  return {
    Name: network.name,
    Id: network.id,
    Created: rfc3339Nano(network.created),
    Scope: 'local',
    Driver: network.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: network.subnet ? [{ Subnet: network.subnet, Gateway: network.gateway }] : [] },
    Internal: network.internal,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: goMap(containers, 'map[string]network.EndpointResource'),
    Options: network.name === 'bridge' ? { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true', 'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0', 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.driver.mtu': '1500' } : {},
    Labels: goMap({ ...network.labels }, 'map[string]string'),
  };
}
