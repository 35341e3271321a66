/**
 * Names of the ports Vorch creates on VIMs. Every one starts with `vorch-<portId>`, so that a port Vorch created
 * but did not get to record (the service stopped in between) can be told from an operator's own port and swept.
 */
const PORT_ID_IN_NAME = /^vorch-([0-9a-hjkmnp-tv-z]{26})(?:-|$)/;

/** The home-VIM reservation that holds the MAC/IP of a port living on another site. */
export const reservationPortName = (portId: string): string => `vorch-${portId.toLowerCase()}`;

/** The port itself, on its site: the name the user gave stays readable after the marker. */
export const sitePortName = (portId: string, name: string): string => `vorch-${portId.toLowerCase()}-${name}`;

/** The Vorch port id a VIM port's name carries, if it is one of the two names above. */
export const portIdInName = (vimName: string): string | undefined => PORT_ID_IN_NAME.exec(vimName)?.[1]?.toUpperCase();
