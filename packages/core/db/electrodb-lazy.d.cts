declare function loadElectroDB(): typeof import('electrodb');
export = loadElectroDB;
